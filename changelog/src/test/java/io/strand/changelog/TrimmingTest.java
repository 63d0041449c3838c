package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.storage.kv.KeyValueStore;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional state: writes after the checkpointed changelog offset are trimmed back to their
 * checkpointed values, in the store and on the changelog. Samza's SAMZA-2578 over-trimmed; these
 * tests cover every shape of key history around a checkpoint.
 */
@RealKafka
class TrimmingTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final List<TaskStorage> ONE_TASK = List.of(new TaskStorage(P0, 0));

  @TempDir
  Path hostA;
  @TempDir
  Path hostB;
  @TempDir
  Path hostC;

  @Test
  void aCrashBetweenTheStoreFlushAndTheCheckpointWriteIsTrimmed(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("trim");
    Config config = TestConfigs.rocks("trim-job", kafka.bootstrapServers(), "s", "kafka." + topic);
    Map<String, String> expected = new TreeMap<>();
    long checkpoint;
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      c.start(Map.of());
      KeyValueStore<String, String> s = c.store(P0, "s");
      for (int i = 0; i < 3; i++) {
        s.put("untouched" + i, "u" + i);
        expected.put("untouched" + i, "u" + i);
      }
      s.put("reput", "r0");
      s.put("multi", "m0");
      s.put("gone", "g0");
      s.put("recreated", "d0");
      s.delete("recreated");
      expected.putAll(Map.of("reput", "r0", "multi", "m0", "gone", "g0"));
      checkpoint = c.commit().get(P0).get("s"); // ... and the container writes its checkpoint

      s.delete("reput");
      s.put("reput", "r1");
      s.put("multi", "m1");
      s.put("multi", "m2");
      s.put("multi", "m3");
      s.delete("gone");
      s.put("fresh", "f1");
      s.put("recreated", "d1");
      s.put("brief", "b1");
      s.delete("brief");
      c.commit(); // store flushed and persisted (OFFSET written), then the container dies before the checkpoint
      s.put("multi", "m4"); // sent by a container that never commits again
    }

    // A new host: full restore to the checkpoint, then trim.
    try (TestContainer c = new TestContainer(kafka, config, hostB, ONE_TASK, 1)) {
      RestoreResult r = RestoreTest.single(c.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertEquals(checkpoint + 1, r.restoredRecords());
      assertEquals(6, r.trimmedKeys(), "reput, multi, gone, fresh, recreated, brief");
      assertEquals(expected, c.contents(P0, "s"));
    }
    assertEquals(expected, latestPerKey(kafka, topic), "the changelog ends at the checkpointed state too");

    // The old host: its older snapshot is exactly the checkpoint; the newer one is dropped.
    Map<TaskName, Map<String, Long>> next;
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      RestoreResult r = RestoreTest.single(c.start(TestContainer.checkpoint(P0, "s", checkpoint)));
      assertEquals(checkpoint, r.snapshotOffset().getAsLong());
      assertNull(r.wipeReason());
      assertEquals(0, r.restoredRecords());
      assertEquals(expected, c.contents(P0, "s"));
      next = c.commit(); // this time the checkpoint is written, covering the trim writes
    }
    assertEquals(expected, latestPerKey(kafka, topic));

    // A later full restore to the new checkpoint replays the trim writes and needs no trimming.
    try (TestContainer c = new TestContainer(kafka, config, hostC, ONE_TASK, 1)) {
      RestoreResult r = RestoreTest.single(c.start(next));
      assertEquals(0, r.trimmedKeys());
      assertEquals(expected, c.contents(P0, "s"));
    }
  }

  @Test
  void noCheckpointMeansNothingRestoredAndEverythingTrimmed(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("nockpt");
    Config config = TestConfigs.rocks("nockpt-job", kafka.bootstrapServers(), "s", "kafka." + topic);
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      c.start(Map.of());
      new Model().churn(c.store(P0, "s"), "k", 300, 50);
      c.commit(); // persisted, never checkpointed
    }
    try (TestContainer c = new TestContainer(kafka, config, hostA, ONE_TASK, 1)) {
      RestoreResult r = RestoreTest.single(c.start(Map.of()));
      assertEquals(0, r.restoredRecords());
      assertEquals(50, r.trimmedKeys());
      assertTrue(r.wipeReason().contains("no checkpointed changelog offset"), r.wipeReason());
      assertEquals(Map.of(), c.contents(P0, "s"));
    }
    assertEquals(Map.of(), latestPerKey(kafka, topic));
  }

  static Map<String, String> latestPerKey(KafkaCluster kafka, String topic) {
    Map<String, String> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAllBytes(topic)) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (r.value() == null) {
        latest.remove(key);
      } else {
        latest.put(key, new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return latest;
  }
}
