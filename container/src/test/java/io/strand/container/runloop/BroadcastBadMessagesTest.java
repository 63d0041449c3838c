package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.checkpointed;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.eventsStartingWith;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.Partition;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.metrics.MeterNames;
import io.strand.container.runloop.ContainerHarness.Running;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import io.strand.testkit.kafka.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * Bad messages on a broadcast input are dead-lettered or skipped once per job, by the task owning
 * the partition; skip and dead-letter counts are per-stream meters and end in one summary line;
 * the dead-letter WARN follows the acknowledged send, and a failed dead-letter send fails the
 * container.
 */
@RealKafka
class BroadcastBadMessagesTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /** A broadcast table: offsets 0 and 3 good, 1, 2 and 4 not JSON. */
  private static String broadcastWithThreeBad(KafkaCluster kafka, KafkaTestClient client) {
    String bc = kafka.uniqueTopic("bc");
    client.createTopic(bc, 1);
    client.produce(List.of(new ProducerRecord<>(bc, 0, "a", "{\"v\":\"a\"}"), new ProducerRecord<>(bc, 0, "b", "{{b"),
        new ProducerRecord<>(bc, 0, "c", "{{c"), new ProducerRecord<>(bc, 0, "d", "{\"v\":\"d\"}"),
        new ProducerRecord<>(bc, 0, "e", "{{e")));
    return bc;
  }

  /** One good message per partition, except partition 1, whose second message is bad. */
  private static String inputs(KafkaCluster kafka, KafkaTestClient client, int partitions) {
    String in = kafka.uniqueTopic("in");
    client.createTopic(in, partitions);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      records.add(new ProducerRecord<>(in, p, "k", "{\"v\":\"" + p + "\"}"));
    }
    records.add(new ProducerRecord<>(in, 1, "k", "not json"));
    client.produce(records);
    return in;
  }

  /** Tasks "Partition n" (changelog partition n) holding in#n and the broadcast bc#0, spread over containers. */
  private static JobModel model(String job, String in, String bc, int tasks, int containers) {
    List<List<TaskModel>> byContainer = new ArrayList<>();
    for (int c = 0; c < containers; c++) {
      byContainer.add(new ArrayList<>());
    }
    for (int p = 0; p < tasks; p++) {
      byContainer.get(p * containers / tasks).add(new TaskModel(new TaskName("Partition " + p),
          List.of(new SystemStreamPartition("kafka", in, p), new SystemStreamPartition("kafka", bc, 0)),
          new Partition(p)));
    }
    List<ContainerModel> cs = new ArrayList<>();
    for (int c = 0; c < containers; c++) {
      cs.add(new ContainerModel(Integer.toString(c), byContainer.get(c)));
    }
    return new JobModel(job, "1", ContainerHarness.GROUPER, cs);
  }

  private static Config jobConfig(KafkaCluster kafka, String job, String in, String bc, String... extra) {
    List<String> all = new ArrayList<>(List.of("task.broadcast.inputs", "kafka." + bc + "#0",
        "systems.kafka.samza.msg.serde", "json",
        "systems.kafka.streams." + in + ".strand.bounded", "true",
        "systems.kafka.streams." + bc + ".strand.bounded", "true"));
    all.addAll(List.of(extra));
    return config(kafka, job, RecordingTask.class, "kafka." + in, all.toArray(new String[0]));
  }

  @Test
  void aBadBroadcastMessageIsDeadLetteredOncePerJobByTheOwningTaskWithTaskAndReasonHeaders(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("bc-dlq");
    String bc = broadcastWithThreeBad(kafka, client);
    String in = inputs(kafka, client, 4);
    String dlq = kafka.uniqueTopic("dlq");
    client.createTopic(dlq, 1);
    Config config = jobConfig(kafka, job, in, bc, "strand.task.dead-letter.stream", "kafka." + dlq);
    JobModel model = model(job, in, bc, 4, 2);

    try (CapturedLog log = new CapturedLog()) {
      Running c0 = start(config, model, "0");
      Running c1 = start(config, model, "1");
      c0.awaitClean(WAIT);
      c1.awaitClean(WAIT);

      // Every task saw the good broadcast rows; the bad ones reached the DLQ once, from Partition 0
      // (bc#0: partition 0 of 4 holders), with the input's own bad message from its task.
      for (int p = 0; p < 4; p++) {
        List<String> seen = eventsStartingWith(job, "msg:Partition " + p + ":" + bc + ":");
        assertEquals(List.of("0", "3"), seen.stream().map(e -> e.split(":")[4]).toList(), "task " + p);
      }
      List<ConsumerRecord<byte[], byte[]>> letters = client.readAllBytes(dlq);
      List<String> fromBroadcast = letters.stream().filter(r -> header(r, "strand.source.topic").equals(bc))
          .map(r -> header(r, "strand.source.offset") + "@" + header(r, "strand.source.task")).sorted().toList();
      assertEquals(List.of("1@Partition 0", "2@Partition 0", "4@Partition 0"), fromBroadcast);
      assertEquals(4, letters.size(), "three broadcast rows and the one bad input message: " + letters);
      for (ConsumerRecord<byte[], byte[]> r : letters) {
        assertEquals("message-not-deserializable", header(r, "strand.error.reason"));
        assertTrue(header(r, "strand.error").contains("json"), header(r, "strand.error"));
      }
      ConsumerRecord<byte[], byte[]> fromInput = letters.stream()
          .filter(r -> header(r, "strand.source.topic").equals(in)).findFirst().orElseThrow();
      assertEquals("Partition 1", header(fromInput, "strand.source.task"));

      // Counted once, by the owner's container, per input stream.
      assertEquals(3.0, c0.counter(MeterNames.CONTAINER_DEAD_LETTERED, MeterNames.TAG_STREAM, "kafka." + bc));
      assertEquals(0.0, c1.counter(MeterNames.CONTAINER_DEAD_LETTERED, MeterNames.TAG_STREAM, "kafka." + bc));
      assertEquals(1.0, c0.counter(MeterNames.CONTAINER_DEAD_LETTERED, MeterNames.TAG_STREAM, "kafka." + in));

      // The WARN comes from the send's callback: it knows where the dead letter landed.
      List<CapturedLog.Line> sent = log.containing("job '" + job + "'", "sent a message to dead-letter stream kafka."
          + dlq + " (partition 0 offset ");
      assertTrue(!sent.isEmpty() && sent.stream().allMatch(l -> l.level() == Level.WARN), sent.toString());
      assertEquals(List.of(new CapturedLog.Line(Level.WARN, "job '" + job + "' (id 1) container '0': skipped 0"
          + " undeserializable messages, dead-lettered 4 (kafka." + bc + ": 3, kafka." + in + ": 1) to kafka." + dlq)),
          log.containing("job '" + job + "' (id 1) container '0': skipped "));
      assertEquals(List.of(new CapturedLog.Line(Level.INFO, "job '" + job + "' (id 1) container '1': skipped 0"
          + " undeserializable messages, dead-lettered 0 to kafka." + dlq)),
          log.containing("job '" + job + "' (id 1) container '1': skipped "));
    }
  }

  @Test
  void skippedMessagesAreCountedOncePerStreamAndSummedUpInOneLineAtTheEnd(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("bc-skip");
    String bc = broadcastWithThreeBad(kafka, client);
    String in = inputs(kafka, client, 3);
    Config config = jobConfig(kafka, job, in, bc, "task.drop.deserialization.errors", "true");

    try (CapturedLog log = new CapturedLog()) {
      Running running = start(config, model(job, in, bc, 3, 1));
      running.awaitClean(WAIT);

      assertEquals(3.0, running.counter(MeterNames.CONTAINER_SKIPPED, MeterNames.TAG_STREAM, "kafka." + bc));
      assertEquals(1.0, running.counter(MeterNames.CONTAINER_SKIPPED, MeterNames.TAG_STREAM, "kafka." + in));
      // The existing meter still counts every task that met a bad message.
      assertEquals(3 * 3 + 1.0, running.counter(MeterNames.CONTAINER_DESERIALIZATION_ERRORS));
      String prefix = "job '" + job + "' (id 1) container '0': ";
      List<String> streams = new ArrayList<>(List.of("kafka." + bc + ": 3", "kafka." + in + ": 1"));
      streams.sort(null);
      assertEquals(List.of(new CapturedLog.Line(Level.WARN, prefix + "skipped 4 undeserializable messages ("
          + String.join(", ", streams) + "), dead-lettered 0")), log.containing(prefix + "skipped 4"));
      // Only the owner of bc#0 (Partition 0) logs its bad rows.
      List<CapturedLog.Line> skipLines = log.containing(prefix + "skipped a message", "topic '" + bc + "'");
      assertTrue(!skipLines.isEmpty() && skipLines.stream().allMatch(l -> l.message().contains("task 'Partition 0'")),
          skipLines.toString());
      for (int p = 0; p < 3; p++) {
        assertEquals(Optional.of(4L), checkpointed(config, job, "Partition " + p, bc, 0));
      }
    }
  }

  @Test
  void aFailedDeadLetterSendFailsTheContainerNamingTheRecordAndLogsNoSentWarning(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("dlq-fails");
    String in = kafka.uniqueTopic("in");
    client.createTopic(in, 1);
    client.produce(List.of(new ProducerRecord<>(in, 0, "k0", "{\"v\":\"a\"}"),
        new ProducerRecord<>(in, 0, "k1", "not json " + "x".repeat(2000))));
    // The broker refuses the dead letter: larger than the DLQ topic's max.message.bytes.
    String dlq = kafka.uniqueTopic("tiny-dlq");
    client.createTopic(TopicSpec.of(dlq, 1).withConfig("max.message.bytes", "500"));
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in, "systems.kafka.samza.msg.serde", "json",
        "strand.task.dead-letter.stream", "kafka." + dlq, "systems.kafka.producer.compression.type", "none",
        "systems.kafka.streams." + in + ".strand.bounded", "true");

    try (CapturedLog log = new CapturedLog()) {
      Throwable failure = start(config, ContainerHarness.model(job, Map.of(in, 1))).awaitFailure(WAIT);

      assertInstanceOf(ContainerFailedException.class, failure);
      for (String part : List.of("dead-letter stream kafka." + dlq, "topic '" + in + "' partition 0 offset 1",
          "task 'Partition 0'", "RecordTooLargeException", "not checkpointing past it")) {
        assertTrue(failure.getMessage().contains(part), "'" + part + "' in: " + failure.getMessage());
      }
      assertEquals(List.of(), log.containing("job '" + job + "'", "sent a message to dead-letter stream"));
      assertEquals(Optional.empty(), checkpointed(config, job, "Partition 0", in, 0));
      assertEquals(0, client.readAllBytes(dlq).size());
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
