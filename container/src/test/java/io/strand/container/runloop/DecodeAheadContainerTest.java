package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.checkpointed;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.eventsStartingWith;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A container with {@value RunLoopSettings#DECODE_AHEAD} on, on the real broker: records reach the
 * task in order across several polls, and a bad record still fails the container (naming it, with
 * nothing checkpointed past it) or is skipped in its turn, as with decoding on the run loop.
 */
@RealKafka
class DecodeAheadContainerTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** {@code good} JSON records, then one that is not JSON, then one more good one. */
  private static String input(KafkaCluster kafka, KafkaTestClient client, int good) {
    String in = kafka.uniqueTopic("ahead");
    client.createTopic(in, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < good; i++) {
      records.add(new ProducerRecord<>(in, 0, "k" + i, "{\"v\":\"" + i + "\"}"));
    }
    records.add(new ProducerRecord<>(in, 0, "bad", "{{not json"));
    records.add(new ProducerRecord<>(in, 0, "last", "{\"v\":\"last\"}"));
    client.produce(records);
    return in;
  }

  @Test
  void skippedInItsTurnWithEveryOtherRecordInOrder(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("ahead-skip");
    int good = 3_000;
    String in = input(kafka, client, good);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in,
        "systems.kafka.samza.msg.serde", "json", "task.drop.deserialization.errors", "true",
        "systems.kafka.streams." + in + ".strand.bounded", "true", RunLoopSettings.DECODE_AHEAD, "true",
        "systems.kafka.consumer.max.poll.records", "100");

    Running running = start(config, model(job, Map.of(in, 1)));
    running.awaitClean(WAIT);

    List<String> seen = eventsStartingWith(job, "msg:").stream().map(e -> {
      String[] p = e.split(":");
      return p[p.length - 2] + ":" + p[p.length - 1];
    }).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < good; i++) {
      expected.add(i + ":{v=" + i + "}");
    }
    expected.add((good + 1) + ":{v=last}");
    assertEquals(expected, seen);
    assertEquals(1.0, running.counter(MeterNames.CONTAINER_DESERIALIZATION_ERRORS));
    assertEquals(Optional.of((long) good + 1), checkpointed(config, job, "Partition 0", in, 0));
  }

  @Test
  void failsNamingTheRecordAndCheckpointsNothingPastIt(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("ahead-fail");
    String in = input(kafka, client, 2);
    Config config = config(kafka, job, RecordingTask.class, "kafka." + in,
        "systems.kafka.samza.msg.serde", "json", "test.commit.each", "true", RunLoopSettings.DECODE_AHEAD, "true");

    Throwable failure = start(config, model(job, Map.of(in, 1))).awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    for (String part : List.of("topic '" + in + "'", "partition 0", "offset 2", "serde 'json'")) {
      assertTrue(failure.getMessage().contains(part), "'" + part + "' in: " + failure.getMessage());
    }
    assertEquals(Optional.of(1L), checkpointed(config, job, "Partition 0", in, 0));
  }
}
