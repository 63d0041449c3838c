package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.checkpointed;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.eventsStartingWith;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.metrics.MeterNames;
import io.strand.container.runloop.ContainerHarness.Running;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The three bad-message policies and task exceptions, on the real broker. */
@RealKafka
class BadMessagesTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Offsets 0, 1 good; 2 not JSON; 3 good. */
  private static String inputWithBadMessage(KafkaCluster kafka, KafkaTestClient client) {
    String in = kafka.uniqueTopic("bad");
    client.createTopic(in, 1);
    client.produce(List.of(new ProducerRecord<>(in, 0, "k0", "{\"v\":\"a\"}"), new ProducerRecord<>(in, 0, "k1", "{\"v\":\"b\"}"),
        new ProducerRecord<>(in, 0, "k2", "{{not json"), new ProducerRecord<>(in, 0, "k3", "{\"v\":\"d\"}")));
    return in;
  }

  @Test
  void failPolicyStopsTheContainerNamingTheMessageAndCheckpointsNothingPastIt(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("bad-fail");
    String in = inputWithBadMessage(kafka, client);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in,
        "systems.kafka.samza.msg.serde", "json", "test.commit.each", "true");

    Throwable failure = start(config, model(job, Map.of(in, 1))).awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    String message = failure.getMessage();
    for (String part : List.of("topic '" + in + "'", "partition 0", "offset 2", "serde 'json'", "task 'Partition 0'",
        "job '" + job + "'", "container '0'")) {
      assertTrue(message.contains(part), "'" + part + "' in: " + message);
    }
    assertEquals(Optional.of(1L), checkpointed(config, job, "Partition 0", in, 0));
    assertEquals(List.of(), eventsStartingWith(job, "close:"), "close() only on clean shutdown");
  }

  @Test
  void skipPolicyProcessesTheRestAndCountsTheError(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("bad-skip");
    String in = inputWithBadMessage(kafka, client);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in,
        "systems.kafka.samza.msg.serde", "json", "task.drop.deserialization.errors", "true",
        "systems.kafka.streams." + in + ".strand.bounded", "true");

    Running running = start(config, model(job, Map.of(in, 1)));
    running.awaitClean(WAIT);

    assertEquals(List.of("0:{v=a}", "1:{v=b}", "3:{v=d}"), offsetsAndValues(job));
    assertEquals(1.0, running.counter(MeterNames.CONTAINER_DESERIALIZATION_ERRORS));
    assertEquals(Optional.of(3L), checkpointed(config, job, "Partition 0", in, 0));
  }

  @Test
  void deadLetterPolicySendsTheRawBytesWithSourceHeaders(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String job = ContainerHarness.jobName("bad-dlq");
    String in = inputWithBadMessage(kafka, client);
    String dlq = kafka.uniqueTopic("dlq");
    client.createTopic(dlq, 1);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in,
        "systems.kafka.samza.msg.serde", "json", "strand.task.dead-letter.stream", "kafka." + dlq,
        "systems.kafka.streams." + in + ".strand.bounded", "true");

    start(config, model(job, Map.of(in, 1))).awaitClean(WAIT);

    assertEquals(List.of("0:{v=a}", "1:{v=b}", "3:{v=d}"), offsetsAndValues(job));
    List<ConsumerRecord<byte[], byte[]>> letters = client.readAllBytes(dlq);
    assertEquals(1, letters.size());
    ConsumerRecord<byte[], byte[]> letter = letters.get(0);
    assertArrayEquals("k2".getBytes(StandardCharsets.UTF_8), letter.key());
    assertArrayEquals("{{not json".getBytes(StandardCharsets.UTF_8), letter.value());
    assertEquals(in, header(letter, "strand.source.topic"));
    assertEquals("0", header(letter, "strand.source.partition"));
    assertEquals("2", header(letter, "strand.source.offset"));
    assertTrue(header(letter, "strand.error").contains("json"), header(letter, "strand.error"));
    assertEquals(Optional.of(3L), checkpointed(config, job, "Partition 0", in, 0));
  }

  @Test
  void aTaskExceptionFailsTheContainerNamingTaskTopicPartitionAndOffset(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String job = ContainerHarness.jobName("boom");
    String in = kafka.uniqueTopic("boom");
    client.createTopic(in, 2);
    client.produce(List.of(new ProducerRecord<>(in, 1, null, "ok"), new ProducerRecord<>(in, 1, null, "commit"),
        new ProducerRecord<>(in, 1, null, "fine"), new ProducerRecord<>(in, 1, null, "boom"),
        new ProducerRecord<>(in, 1, null, "never")));
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in);

    Throwable failure = start(config, model(job, Map.of(in, 2))).awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    for (String part : List.of("task 'Partition 1'", "topic '" + in + "'", "partition 1", "offset 3", "boom requested")) {
      assertTrue(failure.getMessage().contains(part), "'" + part + "' in: " + failure.getMessage());
    }
    assertEquals(Optional.of(1L), checkpointed(config, job, "Partition 1", in, 1), "the commit before is the last");
    assertEquals(List.of(), eventsStartingWith(job, "close:"));
    assertTrue(eventsStartingWith(job, "msg:").stream().noneMatch(e -> e.endsWith(":never")));
  }

  private static List<String> offsetsAndValues(String job) {
    return eventsStartingWith(job, "msg:").stream().map(e -> {
      String[] p = e.split(":");
      return p[p.length - 2] + ":" + p[p.length - 1];
    }).toList();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
