package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.checkpointed;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.eventsStartingWith;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.errors.ContainerFailedException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AsyncStreamTask with task.max.concurrency, on the real broker. */
@RealKafka
class AsyncTaskTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"at-least-once", "exactly-once"})
  void outOfOrderCompletionsCommitOnlyCompletedPrefixesAndEveryMessageOnce(String guarantee, KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("async");
    String in = kafka.uniqueTopic("async");
    String out = kafka.uniqueTopic("async-out");
    client.createTopic(in, 1);
    client.createTopic(out, 1);
    client.produce(numbered(in, 400));
    Config config = config(kafka, job, OutOfOrderAsyncTask.class, "kafka." + in, "task.max.concurrency", "4",
        "systems.kafka.streams." + in + ".strand.bounded", "true", "task.delivery.guarantee", guarantee,
        "test.output.topic", out);

    start(config, model(job, Map.of(in, 1))).awaitClean(WAIT);

    List<String> done = eventsStartingWith(job, "done:");
    assertEquals(400, done.size());
    assertEquals(400, done.stream().distinct().count(), "each message completed exactly once");
    List<String> sorted = new ArrayList<>(done);
    sorted.sort((a, b) -> Long.compare(Long.parseLong(a.substring(5)), Long.parseLong(b.substring(5))));
    assertNotEquals(sorted, done, "completions came out of order");
    List<String> peaks = eventsStartingWith(job, "peak:");
    assertEquals("peak:4", peaks.get(peaks.size() - 1), "up to task.max.concurrency in flight, no more");
    assertEquals(Optional.of(399L), checkpointed(config, job, "Partition 0", in, 0));
    List<String> sent = client.readAll(out).stream().map(r -> r.value()).toList();
    assertEquals(400, sent.size(), "each completion's output was sent once (read_committed)");
    assertEquals(400, sent.stream().distinct().count());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"at-least-once", "exactly-once"})
  void aFailedCallbackFailsTheContainerAndLaterCompletionsAreNotCheckpointed(String guarantee, KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("async-fail");
    String in = kafka.uniqueTopic("async-fail");
    String out = kafka.uniqueTopic("async-fail-out");
    client.createTopic(in, 1);
    client.createTopic(out, 1);
    client.produce(numbered(in, 20));
    Config config = config(kafka, job, OutOfOrderAsyncTask.class, "kafka." + in, "task.max.concurrency", "4",
        "test.fail.offset", "5", "task.delivery.guarantee", guarantee, "test.output.topic", out);

    Throwable failure = start(config, model(job, Map.of(in, 1))).awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    for (String part : List.of("task 'Partition 0'", "topic '" + in + "'", "partition 0", "offset 5",
        "remote call for offset 5 failed")) {
      assertTrue(failure.getMessage().contains(part), "'" + part + "' in: " + failure.getMessage());
    }
    assertTrue(eventsStartingWith(job, "done:").containsAll(List.of("done:6", "done:7", "done:8")),
        "messages after the failed one completed");
    assertEquals(Optional.of(2L), checkpointed(config, job, "Partition 0", in, 0),
        "only the commit asked for at offset 2; nothing past the failed offset 5");
    if (guarantee.equals("exactly-once")) {
      assertEquals(List.of("0", "1", "2"), client.readAll(out).stream().map(r -> r.value()).sorted().toList(),
          "read_committed readers see the outputs of the committed messages only");
    }
  }

  @Test
  void aCallbackThatIsNeverCalledTimesOut(KafkaCluster kafka, KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("async-timeout");
    String in = kafka.uniqueTopic("async-timeout");
    client.createTopic(in, 1);
    client.produce(numbered(in, 10));
    Config config = config(kafka, job, OutOfOrderAsyncTask.class, "kafka." + in, "task.max.concurrency", "4",
        "test.fail.offset", "8", "task.callback.timeout.ms", "1000");

    Throwable failure = start(config, model(job, Map.of(in, 1))).awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    assertTrue(failure.getMessage().contains("offset 8"), failure.getMessage());
    assertTrue(failure.getMessage().contains("task.callback.timeout.ms=1000"), failure.getMessage());
  }

  private static List<ProducerRecord<String, String>> numbered(String topic, int n) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(new ProducerRecord<>(topic, 0, null, "v" + i));
    }
    return records;
  }
}
