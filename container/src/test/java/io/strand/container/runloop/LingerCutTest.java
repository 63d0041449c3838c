package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.runloop.ContainerHarness.Running;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A job that has drained its input does not wait out its producers' linger
 * ({@code ProducerPool.sendLingering}, called by the run loop's idle path).
 */
@RealKafka
class LingerCutTest {

  /** Far longer than the test waits: an output can only arrive in time if the linger was cut. */
  private static final String LINGER_MS = "60000";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aJobThatKeepsUpSendsEachOutputWithoutWaitingOutTheLinger(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String job = ContainerHarness.jobName("linger-cut");
    String in = kafka.uniqueTopic("lc-in");
    String out = kafka.uniqueTopic("lc-out");
    client.createTopic(in, 2);
    client.createTopic(out, 1);
    // Commits an hour apart: no commit's flush sends the outputs either.
    Config config = config(kafka, job, FilterMapJobTask.class, "kafka." + in, "test.output", "kafka." + out,
        "systems.kafka.producer.linger.ms", LINGER_MS, "task.commit.ms", "3600000");

    Running running = start(config, model(job, Map.of(in, 2)));
    try {
      assertTrue(running.container.awaitStarted(30_000), "the container did not start");
      long t0 = System.nanoTime();
      client.produce(in, 0, null, "1");
      List<ConsumerRecord<String, String>> first = client.consumeAtLeast(out, 1, WAIT);
      long firstMs = (System.nanoTime() - t0) / 1_000_000;
      assertEquals("2", first.get(0).value());

      // Once more: the cut is not a one-off at start-up.
      client.produce(in, 1, null, "5");
      List<ConsumerRecord<String, String>> both = client.consumeAtLeast(out, 2, WAIT);
      assertEquals(List.of("2", "10"), both.stream().map(ConsumerRecord::value).toList());
      assertTrue(firstMs < WAIT.toMillis(), "the first output took " + firstMs + " ms at linger.ms=" + LINGER_MS);
    } finally {
      running.stopAndAwait();
    }
  }
}
