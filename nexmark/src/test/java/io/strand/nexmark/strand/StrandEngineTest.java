package io.strand.nexmark.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.strand.config.Config;
import io.strand.nexmark.engine.EngineSettings;
import io.strand.nexmark.query.Query;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Strand engine's job settings (no broker: the config only). */
class StrandEngineTest {

  private static Config config(Query query, int parallelism) {
    return StrandEngine.jobConfig(query, new EngineSettings("localhost:9092", "t", Path.of("/tmp/unused"),
        parallelism, 60_000));
  }

  @Test
  void oneProcessingThreadRunsTasksInlineAndMoreUseAPoolOfThatSize() {
    assertEquals("0", config(Query.Q0, 1).get("job.container.thread.pool.size", null));
    assertEquals("4", config(Query.Q0, 4).get("job.container.thread.pool.size", null));
  }

  @Test
  void everyStoreCachesKafkaStreamsDefaultRecordCacheOverTheTasks() {
    Config c = config(Query.Q5, 1);
    List<String> stores = c.keySet().stream().filter(k -> k.startsWith("stores.") && k.endsWith(".factory"))
        .map(k -> k.substring(0, k.length() - "factory".length())).toList();
    assertFalse(stores.isEmpty());
    for (String store : stores) {
      assertEquals("1310720", c.get(store + "object.cache.bytes", null), store);
      assertEquals(null, c.get(store + "object.cache.size", null), store);
      assertEquals("1000000", c.get(store + "write.batch.size", null), store);
    }
  }
}
