package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.local.OffsetFile;
import io.strand.changelog.restore.RestoreProgress;
import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.kv.layers.StoreMetrics;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealKafka
class RestoreTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final List<TaskStorage> ONE_TASK = List.of(new TaskStorage(P0, 0));

  @TempDir
  Path hostA;
  @TempDir
  Path hostB;

  private Config config(KafkaCluster kafka, String topic) {
    return TestConfigs.rocks("restore-job", kafka.bootstrapServers(), "s", "kafka." + topic);
  }

  private TestContainer container(KafkaCluster kafka, String topic, Path host) {
    return new TestContainer(kafka, config(kafka, topic), host, ONE_TASK, 1);
  }

  @Test
  void fullRestoreRebuildsTheStoreExactly(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("full");
    Model model = new Model();
    long checkpoint;
    try (TestContainer c = container(kafka, topic, hostA)) {
      c.start(Map.of());
      model.churn(c.store(P0, "s"), "k", 20_000, 5_000);
      checkpoint = c.commit().get(P0).get("s");
    }
    assertEquals(19_999, checkpoint);
    try (TestContainer c = container(kafka, topic, hostB)) {
      RestoreResult r = single(c.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertEquals(model.state(), c.contents(P0, "s"));
      assertEquals(20_000, r.restoredRecords());
      assertEquals(20_000, c.counter(RestoreProgress.RECORDS, "s", P0));
      assertFalse(r.reusedLocalState());
      assertNull(r.wipeReason(), "a host without local state is not worth a warning");
      assertEquals(0, r.trimmedKeys());
    }
  }

  @Test
  void aKeyRewrittenManyTimesReachesTheEngineOnce(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("hot");
    Model model = new Model();
    long checkpoint;
    try (TestContainer c = container(kafka, topic, hostA)) {
      c.start(Map.of());
      model.churn(c.store(P0, "s"), "k", 5_000, 40); // deletes too: every 11th write
      checkpoint = c.commit().get(P0).get("s");
    }
    try (TestContainer c = container(kafka, topic, hostB)) {
      RestoreResult r = single(c.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertEquals(model.state(), c.contents(P0, "s"));
      assertEquals(5_000, r.restoredRecords(), "every changelog record is replayed");
      double written = c.registry.get(StoreMetrics.RESTORED_RECORDS).tag("store", "s").functionCounter().count();
      assertTrue(written <= 40, "the engine got the last write of each key only, got " + written);
    }
  }

  @Test
  void aStoreNobodyWroteRestartsWithoutWipingAnything(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("idle");
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = container(kafka, topic, hostA)) {
      c.start(Map.of());
      checkpoint = c.commit();
    }
    assertEquals(Map.of(), checkpoint.get(P0), "no changelog write, no changelog offset to checkpoint");
    assertTrue(Files.exists(instanceDir(hostA).resolve("OFFSET")), "but the OFFSET file says so");
    try (TestContainer c = container(kafka, topic, hostA)) {
      RestoreResult r = single(c.start(checkpoint));
      assertNull(r.wipeReason(), "an unwritten store is not unusable local state");
      assertEquals(Map.of(), c.contents(P0, "s"));
      c.store(P0, "s").put("a", "1");
      checkpoint = c.commit();
    }
    try (TestContainer c = container(kafka, topic, hostA)) {
      RestoreResult r = single(c.start(checkpoint));
      assertTrue(r.reusedLocalState());
      assertEquals(Map.of("a", "1"), c.contents(P0, "s"));
    }
  }

  @Test
  void periodicCommitsSnapshotOncePerIntervalAndARestartReplaysTheGapAfterTheSnapshot(KafkaCluster kafka)
      throws IOException {
    String topic = kafka.uniqueTopic("interval");
    Config config = config(kafka, topic).withOverrides(Map.of("strand.container.store.snapshot.interval.ms", "3600000"));
    long snapshotOffset;
    Map<TaskName, Map<String, Long>> checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      c.start(Map.of());
      c.store(P0, "s").put("a", "1");
      snapshotOffset = c.commit(List.of(P0), false).get(P0).get("s");
      assertEquals(snapshotOffset, snapshotOffsetOnDisk(), "the first commit snapshots");
      c.store(P0, "s").put("b", "2");
      c.store(P0, "s").put("a", "3");
      checkpoint = c.commit(List.of(P0), false);
      assertEquals(snapshotOffset + 2, checkpoint.get(P0).get("s"));
      assertEquals(snapshotOffset, snapshotOffsetOnDisk(), "within the interval a commit keeps the old snapshot");
    }
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      RestoreResult r = single(c.start(checkpoint));
      assertTrue(r.reusedLocalState(), "the older snapshot is reused: " + r);
      assertEquals(2, r.restoredRecords(), "only the two writes after it are replayed");
      assertEquals(Map.of("a", "3", "b", "2"), c.contents(P0, "s"));
      c.store(P0, "s").put("c", "4");
      long last = c.commit(List.of(P0), true).get(P0).get("s");
      assertEquals(last, snapshotOffsetOnDisk(), "a final commit snapshots whatever the interval");
    }
  }

  private long snapshotOffsetOnDisk() throws IOException {
    return OffsetFile.read(instanceDir(hostA).resolve("OFFSET")).orElseThrow()
        .snapshots().get(0).offset();
  }

  @Test
  void restoreStopsAtTheCheckpointedOffsetNotTheLogEnd(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("stop");
    Model model = new Model();
    long checkpoint;
    Map<String, String> atCheckpoint;
    try (TestContainer c = container(kafka, topic, hostA)) {
      c.start(Map.of());
      model.churn(c.store(P0, "s"), "k", 1_000, 300);
      checkpoint = c.commit().get(P0).get("s");
      atCheckpoint = model.state();
      model.churn(c.store(P0, "s"), "late", 500, 50);
      c.commit();
    }
    try (TestContainer c = container(kafka, topic, hostB)) {
      RestoreResult r = single(c.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertEquals(checkpoint + 1, r.restoredRecords());
      assertEquals(atCheckpoint, c.contents(P0, "s"));
      assertEquals(50, r.trimmedKeys(), "each key written after the checkpoint is trimmed once");
    }
  }

  @Test
  void localStateIsReusedAndOnlyTheGapReplayed(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("gap");
    Model model = new Model();
    long first;
    long second;
    try (TestContainer a = container(kafka, topic, hostA)) {
      a.start(Map.of());
      model.churn(a.store(P0, "s"), "k", 1_000, 400);
      first = a.commit().get(P0).get("s");
    }
    try (TestContainer a = container(kafka, topic, hostA)) {
      RestoreResult r = single(a.start(TestContainer.checkpoint(P0, "s", first)));
      assertTrue(r.reusedLocalState());
      assertEquals(0, r.restoredRecords(), "a clean restart replays nothing");
      assertEquals(model.state(), a.contents(P0, "s"));
    }
    // The task moves to host B, which restores in full and goes on writing.
    try (TestContainer b = container(kafka, topic, hostB)) {
      b.start(TestContainer.checkpoint(P0, "s", first));
      model.churn(b.store(P0, "s"), "k", 300, 400);
      second = b.commit().get(P0).get("s");
    }
    // Back on host A: its snapshot at the first checkpoint plus the gap.
    try (TestContainer a = container(kafka, topic, hostA)) {
      RestoreResult r = single(a.start(TestContainer.checkpoint(P0, "s", second)));
      assertEquals(first, r.snapshotOffset().getAsLong());
      assertEquals(second - first, r.restoredRecords());
      assertEquals(second - first, a.counter(RestoreProgress.RECORDS, "s", P0));
      assertEquals(model.state(), a.contents(P0, "s"));
    }
  }

  @Test
  void localStateNewerThanTheCheckpointIsWiped(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("newer");
    Model model = new Model();
    long checkpoint;
    try (TestContainer b = container(kafka, topic, hostB)) {
      b.start(Map.of());
      model.churn(b.store(P0, "s"), "k", 250, 100);
      checkpoint = b.commit().get(P0).get("s");
    }
    Map<String, String> atCheckpoint = model.state();
    try (TestContainer a = container(kafka, topic, hostA)) {
      a.start(TestContainer.checkpoint(P0, "s", checkpoint));
      model.churn(a.store(P0, "s"), "k", 250, 100);
      a.commit(); // persisted locally; the container dies before writing the checkpoint
    }
    try (TestContainer a = container(kafka, topic, hostA)) {
      RestoreResult r = single(a.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertWiped(r, "after the checkpointed offset");
      assertEquals(checkpoint + 1, r.restoredRecords());
      assertEquals(atCheckpoint, a.contents(P0, "s"));
    }
  }

  @Test
  void anUnreadableOffsetFileIsWiped(KafkaCluster kafka) throws IOException {
    String topic = kafka.uniqueTopic("unreadable");
    Model model = new Model();
    long checkpoint = writeAndCommit(kafka, topic, model, 600);
    Files.writeString(instanceDir(hostA).resolve("OFFSET"), "{\"version\":1,\"topic\":");
    try (TestContainer a = container(kafka, topic, hostA)) {
      RestoreResult r = single(a.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertWiped(r, "unreadable");
      assertEquals(checkpoint + 1, r.restoredRecords());
      assertEquals(model.state(), a.contents(P0, "s"));
    }
  }

  @Test
  void aCorruptedSnapshotIsWiped(KafkaCluster kafka) throws IOException {
    String topic = kafka.uniqueTopic("corrupt");
    Model model = new Model();
    long checkpoint = writeAndCommit(kafka, topic, model, 600);
    try (Stream<Path> files = Files.walk(instanceDir(hostA).resolve("snapshots"))) {
      for (Path manifest : files.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).toList()) {
        byte[] garbage = new byte[(int) Files.size(manifest)];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        Files.write(manifest, garbage);
      }
    }
    try (TestContainer a = container(kafka, topic, hostA)) {
      RestoreResult r = single(a.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertWiped(r, "corrupted");
      assertEquals(checkpoint + 1, r.restoredRecords());
      assertEquals(model.state(), a.contents(P0, "s"));
    }
  }

  @Test
  void aSnapshotBelowTheLogStartIsWiped(KafkaCluster kafka) throws Exception {
    String topic = kafka.uniqueTopic("truncated");
    Model model = new Model();
    try (TestContainer a = container(kafka, topic, hostA)) {
      a.start(Map.of());
      for (int i = 0; i < 100; i++) {
        model.put(a.store(P0, "s"), "a" + i, "old" + i);
      }
      a.commit(); // host A's snapshot holds offset 99
    }
    long checkpoint;
    try (TestContainer b = container(kafka, topic, hostB)) {
      b.start(TestContainer.checkpoint(P0, "s", 99));
      for (int i = 0; i < 100; i++) {
        model.put(b.store(P0, "s"), "a" + i, "new" + i);
      }
      for (int i = 0; i < 100; i++) {
        model.put(b.store(P0, "s"), "b" + i, "b" + i);
      }
      checkpoint = b.commit().get(P0).get("s");
    }
    // Kafka refuses DeleteRecords on a compact-only topic: allow deletion for the moment it takes.
    try (Admin admin = kafka.client().admin()) {
      setCleanupPolicy(admin, topic, "compact,delete");
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(150)))
          .all().get(30, TimeUnit.SECONDS);
      setCleanupPolicy(admin, topic, "compact");
    }
    try (TestContainer a = container(kafka, topic, hostA)) {
      RestoreResult r = single(a.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertWiped(r, "log start");
      assertEquals(checkpoint - 150 + 1, r.restoredRecords());
      assertEquals(model.foldFrom(150), a.contents(P0, "s"), "what the changelog still holds");
    }
  }

  @Test
  void anInMemoryStoreIsAlwaysRestoredInFull(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("memory");
    Map<String, String> m = TestConfigs.job("memory-job", kafka.bootstrapServers());
    TestConfigs.store(m, "s", "io.strand.kv.InMemoryStoreFactory", "kafka." + topic);
    Config config = Config.of(m);
    Model model = new Model();
    long checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      c.start(Map.of());
      model.churn(c.store(P0, "s"), "k", 500, 100);
      checkpoint = c.commit().get(P0).get("s");
    }
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      RestoreResult r = single(c.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertFalse(r.reusedLocalState());
      assertEquals(500, r.restoredRecords());
      assertEquals(model.state(), c.contents(P0, "s"));
    }
  }

  private long writeAndCommit(KafkaCluster kafka, String topic, Model model, int writes) {
    try (TestContainer a = container(kafka, topic, hostA)) {
      a.start(Map.of());
      model.churn(a.store(P0, "s"), "k", writes, 200);
      return a.commit().get(P0).get("s");
    }
  }

  private static void setCleanupPolicy(Admin admin, String topic, String policy) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
        new ConfigEntry("cleanup.policy", policy), AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
  }

  private Path instanceDir(Path host) {
    return host.resolve("logged").resolve("restore-job-1").resolve("s").resolve("Partition_0");
  }

  private static void assertWiped(RestoreResult r, String why) {
    assertFalse(r.reusedLocalState());
    assertNotNull(r.wipeReason());
    assertTrue(r.wipeReason().contains(why), r.wipeReason());
  }

  static RestoreResult single(List<RestoreResult> results) {
    assertEquals(1, results.size());
    return results.get(0);
  }
}
