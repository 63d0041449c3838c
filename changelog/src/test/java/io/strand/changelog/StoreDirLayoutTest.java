package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.restore.RestoreProgress;
import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store dir layout {@code <base>/<job.name>-<job.id>/<store>/<task>/} against real RocksDB and
 * a real broker: local state left in the old layout ({@code <base>/<store>/<task>/}) is moved and
 * reused, so only the changelog after its snapshot is replayed; and two jobs with the same store
 * name and base dir keep their own state.
 */
@RealKafka
class StoreDirLayoutTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final List<TaskStorage> ONE_TASK = List.of(new TaskStorage(P0, 0));

  @TempDir
  Path host;

  private static Config config(KafkaCluster kafka, String job, String topic) {
    return TestConfigs.rocks(job, kafka.bootstrapServers(), "s", "kafka." + topic)
        .withOverrides(Map.of("strand.container.store.snapshot.interval.ms", "3600000"));
  }

  @Test
  void localStateInTheOldLayoutIsMovedAndOnlyTheGapAfterItsSnapshotIsRestored(KafkaCluster kafka) throws IOException {
    String topic = kafka.uniqueTopic("old-layout");
    Config config = config(kafka, "mover", topic);
    Model model = new Model();
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      c.start(Map.of());
      model.churn(c.store(P0, "s"), "k", 2_000, 500);
      c.commit(List.of(P0), false); // the first commit snapshots
      for (int i = 0; i < 30; i++) {
        model.put(c.store(P0, "s"), "gap" + i, "v" + i);
      }
      checkpoint = c.commit(List.of(P0), false); // within the interval: no new snapshot
    }
    Path newDir = host.resolve("logged").resolve("mover-1").resolve("s").resolve("Partition_0");
    Path oldDir = host.resolve("logged").resolve("s").resolve("Partition_0");
    assertTrue(Files.isRegularFile(newDir.resolve("OFFSET")), "the instance lives under the job's directory");
    // What an older Strand left behind: the same files without the job part.
    Files.createDirectories(oldDir.getParent());
    Files.move(newDir, oldDir);
    Files.delete(newDir.getParent());
    Files.delete(newDir.getParent().getParent());

    try (TestContainer c = new TestContainer(kafka, config, host, ONE_TASK, 1)) {
      RestoreResult r = single(c.start(checkpoint));
      assertTrue(r.reusedLocalState(), "the moved snapshot is reused: " + r);
      assertNull(r.wipeReason());
      assertEquals(30, r.restoredRecords(), "only the writes after the snapshot are replayed");
      assertEquals(30, c.counter(RestoreProgress.RECORDS, "s", P0));
      assertEquals(model.state(), c.contents(P0, "s"));
    }
    assertTrue(Files.isRegularFile(newDir.resolve("OFFSET")), "moved into the new layout");
    assertFalse(Files.exists(host.resolve("logged").resolve("s")), "the emptied old store dir is removed");
  }

  @Test
  void twoJobsWithTheSameStoreNameAndBaseDirKeepTheirOwnLocalState(KafkaCluster kafka) {
    Config alpha = config(kafka, "alpha", kafka.uniqueTopic("alpha-s"));
    Config beta = config(kafka, "beta", kafka.uniqueTopic("beta-s"));
    Map<TaskName, Map<String, Long>> alphaCheckpoint;
    Map<TaskName, Map<String, Long>> betaCheckpoint;
    try (TestContainer a = new TestContainer(kafka, alpha, host, ONE_TASK, 1);
        TestContainer b = new TestContainer(kafka, beta, host, ONE_TASK, 1)) {
      a.start(Map.of());
      b.start(Map.of());
      a.store(P0, "s").put("owner", "alpha");
      b.store(P0, "s").put("owner", "beta");
      b.store(P0, "s").put("only", "beta");
      alphaCheckpoint = a.commit();
      betaCheckpoint = b.commit();
    }
    for (boolean alphaFirst : new boolean[] {true, false}) { // whichever starts first, the other keeps its state
      try (TestContainer a = new TestContainer(kafka, alpha, host, ONE_TASK, 1);
          TestContainer b = new TestContainer(kafka, beta, host, ONE_TASK, 1)) {
        RestoreResult ra;
        RestoreResult rb;
        if (alphaFirst) {
          ra = single(a.start(alphaCheckpoint));
          rb = single(b.start(betaCheckpoint));
        } else {
          rb = single(b.start(betaCheckpoint));
          ra = single(a.start(alphaCheckpoint));
        }
        for (RestoreResult r : List.of(ra, rb)) {
          assertTrue(r.reusedLocalState(), "no wipe, no full restore: " + r);
          assertNull(r.wipeReason(), r::toString);
          assertEquals(0, r.restoredRecords(), r::toString);
        }
        assertEquals(Map.of("owner", "alpha"), a.contents(P0, "s"));
        assertEquals(Map.of("only", "beta", "owner", "beta"), b.contents(P0, "s"));
        alphaCheckpoint = a.commit();
        betaCheckpoint = b.commit();
      }
    }
  }

  private static RestoreResult single(List<RestoreResult> results) {
    assertEquals(1, results.size(), results::toString);
    return results.get(0);
  }
}
