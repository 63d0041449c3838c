package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testjobs.FilterMapTask;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import io.strand.testkit.kafka.TestJobConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output topics on the real broker: Strand creates a missing output before the first send, with
 * the configured partitions and topic configs or the job's largest input partition count, and with
 * {@code strand.outputs.create=false} a missing output fails the job without the broker
 * auto-creating it. The test broker auto-creates topics with one partition (checked first), so a
 * topic that has any other shape was made by Strand.
 */
@RealKafka
class OutputTopicsTest {

  private static final long JOB_TIMEOUT_MS = 60_000;

  @TempDir
  Path workDir;

  @BeforeEach
  void brokerWouldAutoCreateWithOnePartition(KafkaCluster kafka) throws Exception {
    Map<String, String> broker = brokerConfigs(kafka.client().admin());
    // If the broker auto-created outputs, it would give them this shape; Strand must not let it.
    assertEquals("true", broker.get("auto.create.topics.enable"), broker::toString);
    assertEquals("1", broker.get("num.partitions"));
  }

  @Test
  void aMissingOutputIsCreatedWithTheConfiguredPartitionsAndTopicConfigs(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String in = kafka.uniqueTopic("out-cfg-in");
    String out = kafka.uniqueTopic("out-cfg-out");
    client.createTopic(in, 2);
    produceNumbers(client, in, 2, 30);
    Map<String, String> config = job(kafka, in, out);
    config.put("systems.kafka.streams." + out + ".partitions", "5");
    config.put("systems.kafka.streams." + out + ".replication.factor", "1");
    config.put("systems.kafka.streams." + out + ".cleanup.policy", "compact");
    config.put("systems.kafka.streams." + out + ".retention.ms", "7200000");
    config.put("systems.kafka.default.stream.segment.bytes", "1048576"); // a system default, for every output
    config.put("systems.kafka.default.stream.retention.ms", "1000"); // the stream's own value wins

    JobStatus status = run(config);

    assertEquals(JobStatus.State.SUCCEEDED, status.state(), status::toString);
    Admin admin = client.admin();
    assertEquals(5, partitions(admin, out));
    Map<String, String> topicConfigs = topicConfigs(admin, out);
    assertEquals("compact", topicConfigs.get("cleanup.policy"));
    assertEquals("7200000", topicConfigs.get("retention.ms"));
    assertEquals("1048576", topicConfigs.get("segment.bytes"));
    assertEquals(20, client.readAll(out).size(), "the 20 numbers that are not multiples of 3");
  }

  @Test
  void withoutPartitionsAnOutputGetsTheLargestInputPartitionCount(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String small = kafka.uniqueTopic("out-max-small");
    String large = kafka.uniqueTopic("out-max-large");
    String out = kafka.uniqueTopic("out-max-out");
    client.createTopic(small, 2);
    client.createTopic(large, 6);
    produceNumbers(client, small, 2, 10);
    produceNumbers(client, large, 6, 12);
    Map<String, String> config = job(kafka, small, out);
    config.put("task.inputs", "kafka." + small + ",kafka." + large);
    TestJobConfigs.putBoundedInput(config, large);

    JobStatus status = run(config);

    assertEquals(JobStatus.State.SUCCEEDED, status.state(), status::toString);
    assertEquals(6, partitions(client.admin(), out));
    assertEquals(7 + 8, client.readAll(out).size());
  }

  @Test
  void withCreateOffAMissingOutputFailsTheJobNamingTopicAndKeyAndIsNotAutoCreated(KafkaCluster kafka,
      KafkaTestClient client) throws Exception {
    String in = kafka.uniqueTopic("out-off-in");
    String out = kafka.uniqueTopic("out-off-out");
    client.createTopic(in, 1);
    produceNumbers(client, in, 1, 5);
    Map<String, String> config = job(kafka, in, out);
    config.put("strand.outputs.create", "false");

    JobStatus status = run(config);

    assertEquals(JobStatus.State.FAILED, status.state(), status::toString);
    String cause = status.cause().orElseThrow();
    assertTrue(cause.contains("output topic '" + out + "' does not exist") && cause.contains(
        "strand.outputs.create=false"), cause);
    assertFalse(client.admin().listTopics().names().get(30, TimeUnit.SECONDS).contains(out),
        "neither Strand nor the broker created " + out);
  }

  @Test
  void withCreateOffAMissingDeadLetterStreamFailsTheJobAtStart(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String in = kafka.uniqueTopic("out-dlq-in");
    String out = kafka.uniqueTopic("out-dlq-out");
    String dlq = kafka.uniqueTopic("out-dlq-dead");
    client.createTopic(in, 1);
    client.createTopic(out, 1);
    produceNumbers(client, in, 1, 5);
    Map<String, String> config = job(kafka, in, out);
    config.put("strand.outputs.create", "false");
    config.put("strand.task.dead-letter.stream", "kafka." + dlq);

    JobStatus status = run(config);

    assertEquals(JobStatus.State.FAILED, status.state(), status::toString);
    String cause = status.cause().orElseThrow();
    assertTrue(cause.contains("output topic '" + dlq + "'"), cause);
    assertEquals(0, client.readAll(out).size(), "the job failed before it processed anything");
  }

  private Map<String, String> job(KafkaCluster kafka, String in, String out) {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", kafka.uniqueTopic("outputs-job"));
    m.put("job.factory.class", ThreadJobFactory.class.getName());
    m.put("job.logged.store.base.dir", workDir.resolve("logged").toString());
    m.put("job.non-logged.store.base.dir", workDir.resolve("non-logged").toString());
    m.put("task.class", FilterMapTask.class.getName());
    m.put("task.inputs", "kafka." + in);
    m.put("task.commit.ms", "500");
    m.put("task.shutdown.ms", "10000");
    m.put("test.output", "kafka." + out);
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(m, in);
    return m;
  }

  private static JobStatus run(Map<String, String> config) {
    StreamJob job = new ThreadJobFactory().getJob(Config.of(config));
    job.submit();
    return job.waitForFinish(JOB_TIMEOUT_MS);
  }

  /** Numbers 1..count, dealt round-robin over the partitions. */
  private static void produceNumbers(KafkaTestClient client, String topic, int partitions, int count) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      records.add(new ProducerRecord<>(topic, n % partitions, null, String.valueOf(n)));
    }
    client.produce(records);
  }

  private static int partitions(Admin admin, String topic) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
        .partitions().size();
  }

  private static Map<String, String> topicConfigs(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return values(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).entries());
  }

  private static Map<String, String> brokerConfigs(Admin admin) throws Exception {
    String node = String.valueOf(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
    ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, node);
    return values(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource).entries());
  }

  private static Map<String, String> values(Collection<ConfigEntry> entries) {
    Map<String, String> values = new TreeMap<>();
    entries.forEach(e -> {
      if (e.value() != null) {
        values.put(e.name(), e.value());
      }
    });
    return values;
  }
}
