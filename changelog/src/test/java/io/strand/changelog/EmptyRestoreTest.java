package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first start of a job: every changelog empty, no local state. The restore looks up the
 * changelogs' offsets, opens the stores and reads nothing: the one consumer it makes is the offset
 * lookup's, and no restore thread makes, assigns or seeks one of its own (each cost tens of ms per
 * thread and instance before, part of the flights demo's 0.94 s for 32 empty instances). Checked
 * by what the restore asked for, not by its time, which a loaded machine stretches.
 */
@RealKafka
class EmptyRestoreTest {

  private static final int TASKS = 8;
  private static final List<String> LOGGED = List.of("a", "b", "c");

  @TempDir
  Path host;

  @Test
  void emptyStoresRestoreWithoutAConsumer(KafkaCluster kafka) {
    String prefix = kafka.uniqueTopic("empty");
    Map<String, String> m = TestConfigs.job("empty-job", kafka.bootstrapServers());
    for (String store : LOGGED) {
      TestConfigs.store(m, store, "io.strand.kv.RocksDbStoreFactory", "kafka." + prefix + "-" + store);
    }
    TestConfigs.store(m, "scratch", "io.strand.kv.RocksDbStoreFactory", null);
    Config config = Config.of(m);
    List<TaskStorage> tasks = new ArrayList<>();
    for (int p = 0; p < TASKS; p++) {
      tasks.add(new TaskStorage(new TaskName("Partition " + p), p));
    }
    try (TestContainer c = new TestContainer(kafka, config, host, tasks, TASKS, Map.of(), 2)) {
      c.storage.validateOrCreateChangelogs(TASKS);
      List<RestoreResult> results = c.storage.restoreAll(Map.of());
      assertEquals(TASKS * 4, results.size());
      assertEquals(0, results.stream().mapToLong(RestoreResult::restoredRecords).sum());
      assertEquals(1, c.restoreConsumers.get(),
          "restore consumers made for 24 empty changelog partitions on 2 restore threads (the offset lookup's only)");
      c.store(tasks.get(0).task(), "a").put("k", "v");
      assertEquals(Map.of("k", "v"), c.contents(tasks.get(0).task(), "a"), "the restored stores are usable");
    }
  }
}
