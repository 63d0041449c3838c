package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.checkpoints;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.output.ProducerPool;
import io.strand.container.testjobs.CountingTask;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With producers sending on their own thread ({@code strand.producer.send.thread=true}), every
 * checkpoint still names only durable effects: a counting task (one key, so input offset {@code o}
 * stores and sends count {@code o + 1}) commits every 10 ms and fails at a set offset, and the
 * container's failure path closes the producers at once, dropping whatever the hand-off and the
 * producer still held. The last checkpoint must then be covered: the output topic holds every
 * count up to it, and the changelog at its changelog offset holds the count at its input offset.
 * A restart from there ends with every count 1..N in the output, and N in the changelog.
 */
@RealKafka
class SendThreadDurabilityTest {

  private static final int MESSAGES = 60_000;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path workDir;

  @Test
  void everyCheckpointBeforeAFailureIsCoveredByDurableOutputsAndChangelog(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    for (long failAt : new long[] {21_111, 43_777}) {
      runFailAndRestart(kafka, client, failAt);
    }
  }

  private void runFailAndRestart(KafkaCluster kafka, KafkaTestClient client, long failAt) throws Exception {
    String job = ContainerHarness.jobName("send-thread");
    String in = kafka.uniqueTopic("send-thread-in");
    String out = kafka.uniqueTopic("send-thread-out");
    String changelog = kafka.uniqueTopic("send-thread-changelog");
    client.createTopic(in, 1);
    client.createTopic(out, 1);
    List<ProducerRecord<String, String>> input = new ArrayList<>(MESSAGES);
    for (int i = 0; i < MESSAGES; i++) {
      input.add(new ProducerRecord<>(in, 0, "k", "k"));
    }
    client.produce(input);
    Path dir = workDir.resolve(job);
    Config config = config(kafka, job, CountingTask.class, "kafka." + in,
        ProducerPool.SEND_THREAD, "true",
        "task.commit.ms", "10",
        "systems.kafka.streams." + in + ".strand.bounded", "true",
        "job.logged.store.base.dir", dir.resolve("stores").toString(),
        "job.non-logged.store.base.dir", dir.resolve("non-logged").toString(),
        "stores.counts.factory", "io.strand.kv.RocksDbStoreFactory",
        "stores.counts.key.serde", "string",
        "stores.counts.msg.serde", "string",
        "stores.counts.changelog", "kafka." + changelog,
        "test.output.stream", out,
        "test.fail.once.file", dir.resolve("failed-once").toString(),
        "test.fail.at.offset", Long.toString(failAt));

    Throwable failure = start(config, model(job, Map.of(in, 1))).awaitFailure(WAIT);
    assertTrue(String.valueOf(failure).contains("test failure at offset " + failAt), String.valueOf(failure));

    Checkpoint last = checkpoints(config, job).get(new TaskName("Partition 0"));
    assertNotNull(last, "a checkpoint before the failure at " + failAt);
    long checkpointed = last.inputOffsets().get(new SystemStreamPartition("kafka", in, 0));
    assertTrue(checkpointed < failAt, "checkpointed " + checkpointed + ", failed at " + failAt);
    // Outputs: count o + 1 for every input offset o up to the checkpoint.
    TreeSet<Long> counts = outputCounts(client, out);
    for (long c = 1; c <= checkpointed + 1; c++) {
      if (!counts.contains(c)) {
        throw new AssertionError("the checkpoint names input offset " + checkpointed + " but the output of offset "
            + (c - 1) + " (count " + c + ") is not in " + out + " after the failure (outputs held up to "
            + (counts.isEmpty() ? "none" : counts.last()) + ")");
      }
    }
    // Changelog: the value at the checkpoint's changelog offset is the count at its input offset.
    Long changelogOffset = last.changelogOffsets().get(CountingTask.STORE);
    assertNotNull(changelogOffset, "the checkpoint names a changelog offset: " + last);
    assertEquals(Long.toString(checkpointed + 1), changelogValueAt(client, changelog, changelogOffset),
        "the changelog at the checkpoint's offset " + changelogOffset + " holds the count at input offset "
            + checkpointed);

    // The restart resumes from that checkpoint: together, every count reaches the output.
    start(config, model(job, Map.of(in, 1))).awaitClean(WAIT);
    TreeSet<Long> all = outputCounts(client, out);
    assertEquals(MESSAGES, all.size(), "distinct counts in the output after the restart");
    assertEquals(1L, all.first());
    assertEquals((long) MESSAGES, all.last());
    assertEquals(Integer.toString(MESSAGES), changelogValueAt(client, changelog, Long.MAX_VALUE));
  }

  private static TreeSet<Long> outputCounts(KafkaTestClient client, String out) {
    TreeSet<Long> counts = new TreeSet<>();
    for (ConsumerRecord<String, String> r : client.readAll(out)) {
      if ("k".equals(r.key())) {
        counts.add(Long.parseLong(r.value()));
      }
    }
    return counts;
  }

  /** The value of key {@code k} in the changelog as of an offset (the last write at or below it). */
  private static String changelogValueAt(KafkaTestClient client, String changelog, long offset) {
    String value = null;
    for (ConsumerRecord<byte[], byte[]> r : client.readAllBytes(changelog)) {
      if (r.offset() <= offset && "k".equals(new String(r.key(), StandardCharsets.UTF_8))) {
        value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
      }
    }
    return value;
  }
}
