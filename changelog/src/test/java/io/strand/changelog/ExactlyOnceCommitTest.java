package io.strand.changelog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.config.view.ContainerStorageConfig;
import io.strand.container.TaskName;
import io.strand.kv.engine.BytesStore;
import io.strand.storage.kv.KeyValueStore;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once commits send a store's cached writes to the changelog only; the engine gets them
 * at the next local snapshot. A restart after a crash still ends at exactly the checkpointed
 * state: the snapshot holds every write logged before it, and the changelog after it is replayed.
 */
@RealKafka
class ExactlyOnceCommitTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final List<TaskStorage> ONE_TASK = List.of(new TaskStorage(P0, 0));

  @TempDir
  Path host;

  @Test
  void commitsLogWithoutEngineWritesAndARestartEndsAtTheCheckpoint(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("eos-commit");
    Config config = TestConfigs.rocks("eos-commit-job", kafka.bootstrapServers(), "s", "kafka." + topic)
        .withOverrides(Map.of("task.delivery.guarantee", "exactly-once",
            ContainerStorageConfig.CONTAINER_SNAPSHOT_INTERVAL_MS, "3600000", "stores.s.object.cache.size", "100",
            "stores.s.write.batch.size", "100"));
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      c.start(Map.of());
      KeyValueStore<String, String> s = c.store(P0, "s");
      BytesStore engine = c.storage.handles().get(P0).get("s").engine();
      s.put("a", "1");
      s.put("b", "2");
      c.commit(List.of(P0), false); // the first commit snapshots (there is none yet): the engine gets a and b first
      assertArrayEquals(bytes("1"), engine.get(bytes("a")));

      s.put("a", "3");
      s.put("c", "4");
      checkpoint = c.commit(List.of(P0), false); // no snapshot due: logged only
      assertEquals(3L, checkpoint.get(P0).get("s"), "the checkpoint names the last changelog write");
      assertArrayEquals(bytes("1"), engine.get(bytes("a")), "the engine keeps the snapshot's value");
      assertNull(engine.get(bytes("c")));
      assertEquals("3", s.get("a"), "the task reads its own writes from the cache");

      s.put("d", "5"); // after the checkpoint: logged when the stores close, never checkpointed
    }

    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      RestoreResult r = RestoreTest.single(c.start(checkpoint));
      assertTrue(r.reusedLocalState(), "the first commit's snapshot is reused");
      assertEquals(1L, r.snapshotOffset().getAsLong());
      assertEquals(2, r.restoredRecords(), "the second commit's records are replayed onto it");
      assertEquals(1, r.trimmedKeys(), "the write after the checkpoint is trimmed");
      assertEquals(Map.of("a", "3", "b", "2", "c", "4"), c.contents(P0, "s"));
    }
  }

  /**
   * A key logged at a commit and written again before the next snapshot: when a full write batch
   * sends its new value to the changelog and the engine, the older value the commit logged must
   * not reach the engine after it. It did (the deferred engine write came later, at the next
   * scan or snapshot), so the engine held the older value and, worse, the cache took a key whose
   * logged write was a delete for one the layers below do not hold: deleting it again then sent
   * nothing to the changelog, whose last record of it was the re-put value, and a restart brought
   * the deleted key back (the flights job's closed hour emitted a second time).
   */
  @Test
  void aWriteBatchSupersedesTheValueTheCommitLoggedSoADeleteAfterItReachesTheChangelog(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("eos-supersede");
    Config config = TestConfigs.rocks("eos-supersede-job", kafka.bootstrapServers(), "s", "kafka." + topic)
        .withOverrides(Map.of("task.delivery.guarantee", "exactly-once",
            ContainerStorageConfig.CONTAINER_SNAPSHOT_INTERVAL_MS, "3600000", "stores.s.object.cache.size", "100",
            "stores.s.write.batch.size", "2"));
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      c.start(Map.of());
      KeyValueStore<String, String> s = c.store(P0, "s");
      BytesStore engine = c.storage.handles().get(P0).get("s").engine();
      s.put("window", "1");
      c.commit(List.of(P0), false); // the first commit snapshots: the engine holds window=1
      s.delete("window");
      c.commit(List.of(P0), false); // logs the delete; the engine gets it later
      s.put("window", "2");
      s.put("other", "x"); // a full batch (2): window=2 and other=x go to the changelog and the engine
      assertArrayEquals(bytes("2"), engine.get(bytes("window")));
      assertEquals(Map.of("window", "2", "other", "x"), c.contents(P0, "s"),
          "a scan (which writes the logged entries to the engine first) sees the newest value");
      assertArrayEquals(bytes("2"), engine.get(bytes("window")), "the logged delete was superseded");

      s.delete("window"); // the window closes: its delete must reach the changelog
      checkpoint = c.commit(List.of(P0), false);
      assertNull(s.get("window"));
    }

    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      c.start(checkpoint);
      assertEquals(Map.of("other", "x"), c.contents(P0, "s"), "the deleted key stays deleted after a restart");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}
