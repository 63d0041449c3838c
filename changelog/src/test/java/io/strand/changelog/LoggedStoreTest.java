package io.strand.changelog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.storage.kv.KeyValueStore;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealKafka
class LoggedStoreTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final TaskName P1 = new TaskName("Partition 1");

  @TempDir
  Path dir;

  @Test
  void putsAndDeletesBecomeRecordsAndTombstonesOnTheTasksPartition(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("logged");
    Config config = TestConfigs.rocks("logged-job", kafka.bootstrapServers(), "s", "kafka." + topic);
    Map<TaskName, Map<String, Long>> offsets;
    try (TestContainer c = new TestContainer(kafka, config, dir, List.of(new TaskStorage(P0, 0),
        new TaskStorage(P1, 1)), 2)) {
      c.start(Map.of());
      KeyValueStore<String, String> s1 = c.store(P1, "s");
      s1.put("a", "1");
      s1.put("b", "2");
      s1.delete("a");
      s1.put("b", "3");
      c.store(P0, "s").put("z", "0");
      offsets = c.commit();
    }
    List<ConsumerRecord<byte[], byte[]>> records = kafka.client().readAllBytes(topic);
    List<ConsumerRecord<byte[], byte[]>> p1 = records.stream().filter(r -> r.partition() == 1).toList();
    assertEquals(List.of("a=1", "b=2", "a=null", "b=3"), p1.stream().map(LoggedStoreTest::text).toList());
    assertNull(p1.get(2).value(), "a delete is a tombstone");
    assertEquals(List.of("z=0"), records.stream().filter(r -> r.partition() == 0).map(LoggedStoreTest::text).toList());
    assertEquals(Map.of("s", 3L), offsets.get(P1), "the checkpoint names the last acknowledged offset");
    assertEquals(Map.of("s", 0L), offsets.get(P0));
  }

  @Test
  void cachedWritesReachTheChangelogAtFlushCaches(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("cached");
    Map<String, String> m = TestConfigs.job("cached-job", kafka.bootstrapServers());
    TestConfigs.store(m, "s", "io.strand.kv.RocksDbStoreFactory", "kafka." + topic);
    m.put("stores.s.object.cache.size", "100");
    try (TestContainer c = new TestContainer(kafka, Config.of(m), dir, List.of(new TaskStorage(P0, 0)), 1)) {
      c.start(Map.of());
      KeyValueStore<String, String> s = c.store(P0, "s");
      for (int i = 0; i < 10; i++) {
        s.put("k", "v" + i);
      }
      Map<TaskName, Map<String, Long>> offsets = c.commit();
      List<ConsumerRecord<byte[], byte[]>> records = kafka.client().readAllBytes(topic);
      assertTrue(records.size() >= 1 && records.size() < 10, "the cache collapses overwrites: " + records.size());
      assertEquals("k=v9", text(records.get(records.size() - 1)));
      assertEquals(records.get(records.size() - 1).offset(), offsets.get(P0).get("s"));
    }
  }

  @Test
  void aCommitOfOneTaskLeavesTheOtherTasksCachedWritesAlone(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("one-task");
    Map<String, String> m = TestConfigs.job("one-task-job", kafka.bootstrapServers());
    TestConfigs.store(m, "s", "io.strand.kv.RocksDbStoreFactory", "kafka." + topic);
    m.put("stores.s.object.cache.size", "100");
    m.put("stores.s.write.batch.size", "100");
    try (TestContainer c = new TestContainer(kafka, Config.of(m), dir, List.of(new TaskStorage(P0, 0),
        new TaskStorage(P1, 1)), 2)) {
      c.start(Map.of());
      c.store(P0, "s").put("a", "0");
      c.store(P1, "s").put("b", "1");

      Map<TaskName, Map<String, Long>> first = c.commit(List.of(P0));
      assertEquals(Map.of(P0, Map.of("s", 0L)), first, "only the committed task's offsets");
      List<ConsumerRecord<byte[], byte[]>> records = kafka.client().readAllBytes(topic);
      assertEquals(List.of("a=0"), records.stream().map(LoggedStoreTest::text).toList(),
          "the other task's write stays in its cache");

      c.store(P1, "s").put("b", "2");
      Map<TaskName, Map<String, Long>> second = c.commit(List.of(P1));
      assertEquals(Map.of(P1, Map.of("s", 0L)), second);
      List<ConsumerRecord<byte[], byte[]>> p1 = kafka.client().readAllBytes(topic).stream()
          .filter(r -> r.partition() == 1).toList();
      assertEquals(List.of("b=2"), p1.stream().map(LoggedStoreTest::text).toList(),
          "the cache collapsed both writes into one record at the task's own commit");
    }
  }

  @Test
  void aFailedChangelogWriteFailsTheCommit(KafkaCluster kafka) {
    String topic = kafka.uniqueTopic("failing");
    Config config = TestConfigs.rocks("failing-job", kafka.bootstrapServers(), "s", "kafka." + topic);
    // A record over max.request.size is refused by the producer and reported through the callback.
    try (TestContainer c = new TestContainer(kafka, config, dir, List.of(new TaskStorage(P0, 0)), 1,
        Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10_000), 0)) {
      c.start(Map.of());
      c.store(P0, "s").put("a", "x".repeat(20_000));
      assertThrows(ChangelogSendException.class, () -> c.storage.flushCaches(List.of(P0)), "commit phase 1 fails");
      c.producer.flush();
      ChangelogSendException e = assertThrows(ChangelogSendException.class, () -> c.storage.persistAfterFlush(List.of(P0), true),
          "commit phase 2 fails, so no checkpoint names the lost write");
      assertTrue(e.getMessage().contains(new TopicPartition(topic, 0).toString()), e.getMessage());
      assertThrows(ChangelogSendException.class, () -> c.store(P0, "s").put("b", "2"),
          "later writes fail fast too");
    }
  }

  private static String text(ConsumerRecord<byte[], byte[]> r) {
    return new String(r.key(), StandardCharsets.UTF_8) + "="
        + (r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void assertBytes(String expected, byte[] actual) {
    assertArrayEquals(bytes(expected), actual);
  }
}
