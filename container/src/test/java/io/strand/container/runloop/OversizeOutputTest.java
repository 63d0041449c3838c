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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * An output record too large for the producer or for its topic fails the container naming the
 * task, the input offset that produced it, the record's size and the keys to change; one the
 * broker refuses after the check fails it at the next commit, with no checkpoint past it.
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
        "kafka." + in, "the output record for kafka." + out + " (topic " + out + ", partition 0) is 20000 bytes",
        "max.request.size",
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
        "the output record for kafka." + out + " (topic " + out + ", partition 0) is 8000 bytes",
        "the topic's max.message.bytes is 5000",
        "systems.kafka.producer.max.request.size", "--entity-name " + out + " --add-config max.message.bytes");
    assertEquals(Optional.empty(), checkpointed(config, job, "Partition 0", in, 0));
  }

  @Test
  void aRecordTheBrokerRefusesIsNeverCheckpointedPastThoughProcessingWentOn(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    // The topic's limit is lowered after the container read it (at its first send), so the size
    // check before the send passes and the broker refuses the record: the failure comes back in
    // a producer callback while the run loop goes on, and the commits that follow must not name
    // its offset or any later one.
    String job = ContainerHarness.jobName("refused-by-broker");
    String in = kafka.uniqueTopic("refused");
    client.createTopic(in, 1);
    List<ProducerRecord<String, String>> small = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      small.add(new ProducerRecord<>(in, 0, null, "send:10"));
    }
    client.produce(small);
    String out = kafka.uniqueTopic("refused-out");
    client.createTopic(out, 1);
    Config config = config(kafka, job, SizedOutputTask.class, "kafka." + in, "test.output", out,
        "systems.kafka.producer.compression.type", "none", "task.commit.ms", "100");
    ContainerHarness.Running running = start(config, model(job, Map.of(in, 1)));
    ContainerHarness.await(() -> checkpointed(config, job, "Partition 0", in, 0).equals(Optional.of(49L)),
        WAIT, "a checkpoint at offset 49");
    try (Admin admin = client.admin()) {
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, out);
      admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
          new ConfigEntry("max.message.bytes", "5000"), AlterConfigOp.OpType.SET)))).all().get();
      ContainerHarness.await(() -> "5000".equals(maxMessageBytes(admin, topic)), WAIT, "the new max.message.bytes");
    }
    List<ProducerRecord<String, String>> more = new ArrayList<>();
    more.add(new ProducerRecord<>(in, 0, null, "send:8000")); // offset 50
    for (int i = 0; i < 50; i++) {
      more.add(new ProducerRecord<>(in, 0, null, "send:10"));
    }
    client.produce(more);

    Throwable failure = running.awaitFailure(WAIT);

    assertInstanceOf(ContainerFailedException.class, failure);
    assertMentions(failure.getMessage(), "a send to " + out, "RecordTooLargeException", "max.message.bytes",
        "not checkpointing past it");
    assertEquals(Optional.of(49L), checkpointed(config, job, "Partition 0", in, 0));
  }

  private static String maxMessageBytes(Admin admin, ConfigResource topic) {
    try {
      return admin.describeConfigs(List.of(topic)).all().get().get(topic).get("max.message.bytes").value();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "'" + part + "' in: " + message);
    }
  }
}
