package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealKafka
class ParallelRestoreTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final TaskName P1 = new TaskName("Partition 1");
  private static final List<TaskStorage> TASKS = List.of(new TaskStorage(P0, 0), new TaskStorage(P1, 1));
  private static final List<String> STORES = List.of("a", "b", "c");

  @TempDir
  Path hostA;
  @TempDir
  Path hostB;

  @Test
  void everyStoreOfEveryTaskIsRestoredOnTheBoundedPool(KafkaCluster kafka) {
    String prefix = kafka.uniqueTopic("par");
    Map<String, String> m = TestConfigs.job("par-job", kafka.bootstrapServers());
    for (String store : STORES) {
      TestConfigs.store(m, store, "io.strand.kv.RocksDbStoreFactory", "kafka." + prefix + "-" + store);
    }
    TestConfigs.store(m, "scratch", "io.strand.kv.RocksDbStoreFactory", null);
    Config config = Config.of(m);
    Map<String, Model> models = new HashMap<>();
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, hostA, TASKS, 2, Map.of(), 3)) {
      c.start(Map.of());
      for (TaskName task : List.of(P0, P1)) {
        for (String store : STORES) {
          Model model = new Model();
          model.churn(c.store(task, store), task.name() + store, 2_000 + 500 * STORES.indexOf(store), 300);
          models.put(task.name() + "/" + store, model);
        }
      }
      c.store(P0, "scratch").put("temp", "1");
      checkpoint = c.commit();
    }
    try (TestContainer c = new TestContainer(kafka, config, hostB, TASKS, 2, Map.of(), 3)) {
      List<RestoreResult> results = c.start(checkpoint);
      assertEquals(8, results.size(), "3 logged stores and 1 unlogged, for each of 2 tasks");
      for (TaskName task : List.of(P0, P1)) {
        for (String store : STORES) {
          Model model = models.get(task.name() + "/" + store);
          assertEquals(model.state(), c.contents(task, store), task + "/" + store);
          RestoreResult r = results.stream().filter(x -> x.task().equals(task) && x.store().equals(store))
              .findFirst().orElseThrow();
          assertEquals(model.writes(), r.restoredRecords());
        }
      }
      assertEquals(Map.of(), c.contents(P0, "scratch"), "a store without a changelog starts empty");
      assertThrows(IllegalArgumentException.class, () -> c.storage.store(P0, "nope"));
    }
  }

  @Test
  void aFailingRestoreClosesEveryStoreAndNamesTheStore(KafkaCluster kafka) {
    String prefix = kafka.uniqueTopic("parfail");
    Map<String, String> m = TestConfigs.job("parfail-job", kafka.bootstrapServers());
    for (String store : STORES) {
      TestConfigs.store(m, store, "io.strand.kv.RocksDbStoreFactory", "kafka." + prefix + "-" + store);
    }
    Config config = Config.of(m);
    try (TestContainer c = new TestContainer(kafka, config, hostA, TASKS, 2, Map.of(), 2)) {
      c.storage.validateOrCreateChangelogs(2);
      // A checkpoint naming an offset the (empty) changelog never had: the topic was recreated.
      Map<TaskName, Map<String, Long>> bad = Map.of(P1, Map.of("b", 41L));
      var e = assertThrows(io.strand.changelog.restore.ChangelogRestoreException.class,
          () -> c.storage.restoreAll(bad));
      assertTrue(e.getMessage().contains("store 'b' of task 'Partition 1'") && e.getMessage().contains("41"),
          e.getMessage());
      // Every store the failed restore opened is closed again, before the container itself is:
      // RocksDB's lock on each directory is free, so the same host opens all six.
      try (TestContainer again = new TestContainer(kafka, config, hostA, TASKS, 2, Map.of(), 2)) {
        assertEquals(6, again.start(Map.of()).size());
      }
    }
  }
}
