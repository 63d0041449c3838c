package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.checkpointed;
import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.errors.ContainerFailedException;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import io.strand.testkit.kafka.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * An output record too large for the producer or for its topic fails the container naming the
 * task, the input offset that produced it, the record's size and the keys to change.
 */
@RealKafka
class OversizeOutputTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Offset 0 asks for a small output, offset 1 for one of {@code size} bytes. */
  private static String input(KafkaCluster kafka, KafkaTestClient client, int size) {
    String in = kafka.uniqueTopic("sized");
    client.createTopic(in, 1);
    client.produce(List.of(new ProducerRecord<>(in, 0, null, "send:10"),
        new ProducerRecord<>(in, 0, null, "send:" + size)));
    return in;
  }

  @Test
  void aRecordOverTheProducersMaxRequestSizeNamesTaskInputOffsetSizeAndKeys(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("oversize-request");
    String in = input(kafka, client, 20_000);
    String out = kafka.uniqueTopic("sized-out");
    client.createTopic(out, 1);
    Config config = config(kafka, job, SizedOutputTask.class, "kafka." + in, "test.output", out,
        "systems.kafka.producer.max.request.size", "10000",
        "systems.kafka.streams." + in + ".strand.bounded", "true");

    Throwable failure = start(config, model(job, Map.of(in, 1))).awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    assertMentions(failure.getMessage(), "task 'Partition 0'", "topic '" + in + "' partition 0 offset 1",
        "kafka." + in, "the output record for kafka." + out + " is 20000 bytes", "max.request.size",
        "systems.kafka.producer.max.request.size", "max.message.bytes");
    assertEquals(Optional.empty(), checkpointed(config, job, "Partition 0", in, 0));
  }

  @Test
  void aRecordOverTheTopicsMaxMessageBytesNamesTaskInputOffsetSizeAndKeys(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String job = ContainerHarness.jobName("oversize-topic");
    String in = input(kafka, client, 8_000);
    String out = kafka.uniqueTopic("small-out");
    client.createTopic(TopicSpec.of(out, 1).withConfig("max.message.bytes", "5000"));
    Config config = config(kafka, job, SizedOutputTask.class, "kafka." + in, "test.output", out,
        "systems.kafka.producer.compression.type", "none",
        "systems.kafka.streams." + in + ".strand.bounded", "true");

    Throwable failure = start(config, model(job, Map.of(in, 1))).awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    assertMentions(failure.getMessage(), "task 'Partition 0'", "topic '" + in + "' partition 0 offset 1",
        "the output record for kafka." + out + " is 8000 bytes", "the topic's max.message.bytes is 5000",
        "systems.kafka.producer.max.request.size", "--entity-name " + out + " --add-config max.message.bytes");
    assertEquals(Optional.empty(), checkpointed(config, job, "Partition 0", in, 0));
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' in: " + message);
    }
  }
}
