package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.container.TaskName;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container-wide store ({@code stores.<s>.scope=container}): one RocksDB instance for all the
 * container's tasks, beside per-task logged stores, through start, commits and a restart against
 * the real broker.
 */
@RealKafka
class ContainerWideStoreTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final TaskName P1 = new TaskName("Partition 1");
  private static final List<TaskStorage> TWO_TASKS = List.of(new TaskStorage(P0, 0), new TaskStorage(P1, 1));

  @TempDir
  Path host;

  private static Config config(KafkaCluster kafka, String topic) {
    Map<String, String> m = TestConfigs.job("wide-job", kafka.bootstrapServers());
    TestConfigs.store(m, "table", "io.strand.kv.RocksDbStoreFactory", null);
    m.put("stores.table.scope", "container");
    m.put("stores.table.object.cache.size", "100");
    TestConfigs.store(m, "s", "io.strand.kv.RocksDbStoreFactory", "kafka." + topic);
    return Config.of(m);
  }

  @Test
  void everyTaskGetsTheOneInstanceWhichOpensEmptyAtEveryStartWhileLoggedStoresRestore(KafkaCluster kafka)
      throws java.io.IOException {
    String topic = kafka.uniqueTopic("wide");
    Config config = config(kafka, topic);
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, host, TWO_TASKS, 2)) {
      List<RestoreResult> results = c.start(Map.of());
      assertEquals(3, results.size(), "one 'table' instance and two of 's': " + results);
      assertSame(c.storage.store(P0, "table"), c.storage.store(P1, "table"));
      c.store(P0, "table").put("BOS", "Boston");
      assertEquals("Boston", c.store(P1, "table").get("BOS"), "a task sees another task's write");
      c.store(P1, "table").put("BOS", "Boston");
      c.store(P0, "s").put("a", "1");
      c.store(P1, "s").put("b", "2");
      // Only P1 commits: the shared instance goes down with it (no changelog, nothing to checkpoint).
      checkpoint = c.commit(List.of(P1), false);
      assertFalse(checkpoint.getOrDefault(P1, Map.of()).containsKey("table"), "no changelog offset for it");
      assertEquals(Map.of("BOS", "Boston"), c.contents(P0, "table"));
      checkpoint = c.commit();
    }
    Path tableDir = host.resolve("non-logged").resolve("wide-job-1").resolve("table");
    try (var dirs = Files.list(tableDir)) {
      assertEquals(List.of("container_0"), dirs.map(d -> d.getFileName().toString()).toList(),
          "one instance directory for the container, none per task");
    }
    try (TestContainer c = new TestContainer(kafka, config, host, TWO_TASKS, 2)) {
      c.start(checkpoint);
      assertEquals(Map.of(), c.contents(P1, "table"), "no changelog: opened empty, refilled from its input");
      assertEquals(Map.of("a", "1"), c.contents(P0, "s"), "the logged stores restore as before");
      assertEquals(Map.of("b", "2"), c.contents(P1, "s"));
    }
  }

  @Test
  void aContainerWideStoreWithAChangelogOrAnUnknownScopeIsRefusedNamingTheKey(KafkaCluster kafka) {
    Map<String, String> m = TestConfigs.job("wide-job", kafka.bootstrapServers());
    TestConfigs.store(m, "table", "io.strand.kv.RocksDbStoreFactory", "kafka.wide-table");
    m.put("stores.table.scope", "container");
    ConfigException logged = assertThrows(ConfigException.class,
        () -> StorageSettings.fromConfig(Config.of(m), "wide-job", "1"));
    assertTrue(logged.getMessage().contains("stores.table.scope"), logged.getMessage());
    assertTrue(logged.getMessage().contains("changelog"), logged.getMessage());
    m.remove("stores.table.changelog");
    m.put("stores.table.scope", "global");
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> StorageSettings.fromConfig(Config.of(m), "wide-job", "1"));
    assertTrue(unknown.getMessage().contains("'global'"), unknown.getMessage());
    m.put("stores.table.scope", "task");
    assertFalse(StorageSettings.fromConfig(Config.of(m), "wide-job", "1").stores().get(0).containerWide());
  }
}
