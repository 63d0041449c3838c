package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.kv.layers.StoreMetrics;
import io.strand.storage.kv.LocalDeletes;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit's local snapshot is taken after its barrier, on the commit's thread (issue 17): the run
 * loop processes on meanwhile, and a write that would reach the engine before the snapshot is taken
 * waits for it, so the snapshot holds exactly the state at the barrier (the changelog offset that
 * names it). Real broker, real RocksDB.
 */
@RealKafka
class SnapshotOffBarrierTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final List<TaskStorage> ONE_TASK = List.of(new TaskStorage(P0, 0));

  @TempDir
  Path host;

  private static Config config(KafkaCluster kafka, String topic) {
    return TestConfigs.rocks("snapshot-off-barrier", kafka.bootstrapServers(), "s", "kafka." + topic);
  }

  /**
   * Puts a=1, commits up to the snapshot, runs {@code afterBarrier} on a second thread (the run
   * loop going on) and checks it waits until the snapshot is taken; then completes the commit.
   *
   * @return the commit's checkpoint
   */
  private Map<TaskName, Map<String, Long>> commitWithWorkAfterTheBarrier(KafkaCluster kafka, Config config,
      String what, Consumer<TestContainer> afterBarrier, Consumer<TestContainer> onceTaken) throws Exception {
    ExecutorService runLoop = Executors.newSingleThreadExecutor();
    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      c.start(Map.of());
      c.store(P0, "s").put("a", "1");
      c.storage.flushCaches(List.of(P0));
      // The first commit of a store with state is due a snapshot.
      StoreCommit commit = c.storage.beginCommit(List.of(P0), false);
      Future<?> after = runLoop.submit(() -> afterBarrier.accept(c));
      try {
        assertThrows(TimeoutException.class, () -> after.get(500, TimeUnit.MILLISECONDS),
            what + " after the barrier waits while the snapshot is pending");
      } catch (AssertionError e) {
        commit.abandon(); // else the stores' close waits for the snapshot for good
        throw e;
      }
      commit.snapshot();
      after.get(30, TimeUnit.SECONDS);
      onceTaken.accept(c);
      c.producer.flush();
      return Map.of(P0, commit.complete().get(P0));
    } finally {
      runLoop.shutdownNow();
    }
  }

  /** Restarts from the checkpoint, which must reuse the barrier's snapshot, and returns the store's contents. */
  private Map<String, String> restartFromTheSnapshot(KafkaCluster kafka, Config config,
      Map<TaskName, Map<String, Long>> checkpoint) {
    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      RestoreResult r = RestoreTest.single(c.start(checkpoint));
      assertTrue(r.reusedLocalState(), "the barrier's snapshot is reused: " + r);
      assertEquals(0, r.restoredRecords(), "it is the state at the checkpointed offset: nothing to replay");
      return c.contents(P0, "s");
    }
  }

  @Test
  void aWriteAfterTheBarrierWaitsForTheSnapshotWhichHoldsOnlyTheStateAtTheBarrier(KafkaCluster kafka)
      throws Exception {
    Config config = config(kafka, kafka.uniqueTopic("off-barrier"));
    // What the run loop does next: a new write, written down to the engine (and the changelog).
    Map<TaskName, Map<String, Long>> checkpoint = commitWithWorkAfterTheBarrier(kafka, config, "the engine write",
        c -> {
          c.store(P0, "s").put("b", "2");
          c.storage.flushCaches(List.of(P0));
        }, c -> { });
    assertEquals(Map.of("a", "1"), restartFromTheSnapshot(kafka, config, checkpoint),
        "the write after the barrier is not in the snapshot");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLocalDeleteAfterTheBarrierWaitsForTheSnapshotToo(KafkaCluster kafka) throws Exception {
    // A join buffer expires its records with local deletes, below the changelog (no tombstones):
    // taken from the engine before the snapshot, they were missing after a restart from it.
    Config config = config(kafka, kafka.uniqueTopic("local-delete"));
    Map<TaskName, Map<String, Long>> checkpoint = commitWithWorkAfterTheBarrier(kafka, config, "the local delete",
        c -> ((LocalDeletes<Object>) (Object) c.store(P0, "s")).deleteLocally(List.of("a")),
        c -> assertEquals(Map.of(), c.contents(P0, "s"), "deleted once the snapshot was taken"));
    assertEquals(Map.of("a", "1"), restartFromTheSnapshot(kafka, config, checkpoint),
        "the snapshot holds the key deleted after the barrier");
  }

  @Test
  void aCommitWritesTheCacheDownWithoutSyncingTheLiveEnginesLog(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueTopic("no-wal-sync");
    Config config = config(kafka, topic);
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      c.start(Map.of());
      c.store(P0, "s").put("a", "1");
      c.commit(List.of(P0), false);
      c.store(P0, "s").put("a", "2");
      checkpoint = c.commit(List.of(P0), false);
      var flushes = c.registry.find(StoreMetrics.FLUSH).tag("store", "s").timer();
      assertNotNull(flushes, "the engine's flush timer");
      assertEquals(0, flushes.count(),
          "the live engine is never reopened as it is, so a commit does not flush it");
    }
    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      RestoreResult r = RestoreTest.single(c.start(checkpoint));
      assertTrue(r.reusedLocalState(), r::toString);
      assertEquals(1, r.restoredRecords(), "the write after the first commit's snapshot is replayed");
      assertEquals(Map.of("a", "2"), c.contents(P0, "s"));
    }
  }

  @Test
  void anAbandonedCommitLetsTheEngineTakeWritesAgain(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueTopic("abandoned");
    ExecutorService runLoop = Executors.newSingleThreadExecutor();
    try (TestContainer c = new TestContainer(kafka, config(kafka, topic), host, ONE_TASK, 1)) {
      c.start(Map.of());
      c.store(P0, "s").put("a", "1");
      c.storage.flushCaches(List.of(P0));
      StoreCommit commit = c.storage.beginCommit(List.of(P0), false);
      Future<?> afterBarrier = runLoop.submit(() -> {
        c.store(P0, "s").put("b", "2");
        c.storage.flushCaches(List.of(P0));
      });
      assertThrows(TimeoutException.class, () -> afterBarrier.get(300, TimeUnit.MILLISECONDS));
      commit.abandon();
      afterBarrier.get(30, TimeUnit.SECONDS);
      assertFalse(afterBarrier.isCancelled());
      assertEquals(Map.of("a", "1", "b", "2"), c.contents(P0, "s"));
    } finally {
      runLoop.shutdownNow();
    }
  }
}
