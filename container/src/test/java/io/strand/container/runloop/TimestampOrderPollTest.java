package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.await;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.eventsStartingWith;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.strand.config.Config;
import io.strand.container.metrics.MeterNames;
import io.strand.container.runloop.ContainerHarness.Running;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Timestamp order ({@code task.chooser.order=timestamp}) on the real broker: how often the run
 * loop polls when one of a task's partitions is dry.
 */
@RealKafka
class TimestampOrderPollTest {

  private static final int RECORDS = 2_000;

  /**
   * A task reads a busy partition and a quiet one that holds nothing (caught up: the consumer's
   * lag for it is 0). The quiet partition is dry at every choice, but nothing waits for it at the
   * broker, so it must not make the loop poll while the busy one has buffered records: the loop
   * polls to start, and then only as its schedule says (here: never while busy). Refetching it
   * every millisecond instead would poll about once per 10 messages at 100 µs each (200 polls).
   */
  @Test
  void aDryPartitionThatIsCaughtUpCausesNoPolls(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("ts-poll");
    String busy = kafka.uniqueTopic("busy");
    String quiet = kafka.uniqueTopic("quiet");
    client.createTopic(busy, 1);
    client.createTopic(quiet, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(new ProducerRecord<>(busy, 0, null, "b" + i));
    }
    client.produce(records);
    Config config = config(kafka, job, PacedTask.class, "kafka." + busy + ",kafka." + quiet,
        "task.chooser.order", "timestamp",
        "task.poll.interval.ms", "600000",
        "test.pace.us", "100",
        "systems.kafka.streams." + busy + ".strand.bounded", "true");

    Running running = start(config, model(job, Map.of(busy, 1, quiet, 1)));
    await(() -> eventsStartingWith(job, "msg:").size() >= RECORDS, Duration.ofSeconds(60), RECORDS + " messages");
    long polls = polls(running);
    running.stopAndAwait();

    assertEquals(RECORDS, eventsStartingWith(job, "msg:" + busy + ":").size());
    // The polls to start (until the first fetch returns) and the idle ones after the last message
    // until this test read the count: a handful. A poll per millisecond of the ~200 ms of messages
    // would be about 200.
    assertTrue(polls <= 40, polls + " polls for " + RECORDS + " messages of one partition");
  }

  private static long polls(Running running) {
    return running.meters.stream().filter(m -> m.getId().getName().equals(MeterNames.CONTAINER_POLL))
        .mapToLong(m -> ((Timer) m).count()).sum();
  }
}
