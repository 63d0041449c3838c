package io.strand.container.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.JobModel;
import io.strand.container.model.JobModelPlanner;
import io.strand.container.model.TaskModel;
import io.strand.system.SystemStream;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Computing, publishing and reading job models through the coordinator topic on a real broker. */
@RealKafka
class JobModelsTest {

  private static Config config(KafkaCluster kafka, String job, String input, String... extra) {
    Map<String, String> m = new HashMap<>(Map.of("job.name", job, "task.class", "x.Task",
        "task.inputs", "kafka." + input, "systems.kafka.producer.bootstrap.servers", kafka.bootstrapServers()));
    for (int i = 0; i < extra.length; i += 2) {
      m.put(extra[i], extra[i + 1]);
    }
    return Config.of(m);
  }

  @Test
  void computePublishesTheModelInACompactedSinglePartitionTopicAndContainersReadItBack(KafkaCluster kafka)
      throws Exception {
    String input = kafka.uniqueTopic("in");
    kafka.client().createTopic(input, 4);
    String job = kafka.uniqueTopic("job");
    Config config = config(kafka, job, input, "job.container.count", "2");

    JobModel model = JobModels.compute(config);

    assertEquals(4, model.taskCount());
    assertEquals(model, JobModels.readLatest(config));
    String topic = new JobIdentity(job, "1").coordinatorTopic();
    try (Admin admin = kafka.client().admin()) {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
      assertEquals(1, d.partitions().size());
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      assertEquals("compact", admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS)
          .get(resource).get("cleanup.policy").value());
    }
  }

  @Test
  void aRecomputeIsStickyToThePublishedModel(KafkaCluster kafka) {
    String input = kafka.uniqueTopic("in");
    kafka.client().createTopic(input, 6);
    String job = kafka.uniqueTopic("job");
    JobModel two = JobModels.compute(config(kafka, job, input, "job.container.count", "2"));

    JobModel three = JobModels.compute(config(kafka, job, input, "job.container.count", "3"));

    // Planned from scratch, container 1 would hold other tasks; sticky, it keeps two of its own.
    JobModel fresh = JobModelPlanner.plan(config(kafka, job, input, "job.container.count", "3"),
        Map.of(new SystemStream("kafka", input), 6), Optional.empty());
    assertTrue(!fresh.equals(three), "the recompute used the previous model");
    for (String id : List.of("0", "1")) {
      List<TaskModel> before = two.container(id).orElseThrow().tasks();
      assertTrue(before.containsAll(three.container(id).orElseThrow().tasks()), "container " + id + " is sticky");
    }
    assertEquals(three, JobModels.readLatest(config(kafka, job, input)));
  }

  @Test
  void aMissingInputTopicNamesSystemAndTopic(KafkaCluster kafka) {
    String job = kafka.uniqueTopic("job");
    String missing = kafka.uniqueTopic("no-such-topic");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> JobModels.compute(config(kafka, job, missing)));

    assertTrue(e.getMessage().contains("input topic '" + missing + "' does not exist on system 'kafka'"),
        e.getMessage());
  }

  @Test
  void readLatestWithoutAPublishedModelSaysSo(KafkaCluster kafka) {
    String job = kafka.uniqueTopic("job");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> JobModels.readLatest(config(kafka, job, "whatever")));

    assertTrue(e.getMessage().contains("no job model in coordinator topic '__strand-coordinator-" + job + "-1'"),
        e.getMessage());
  }

  @Test
  void containerHostsAreKeptPerContainer(KafkaCluster kafka) {
    String job = kafka.uniqueTopic("job");
    Config config = config(kafka, job, "whatever");
    try (CoordinatorStream coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config),
        new KafkaSystems(config))) {
      coordinator.ensureTopic();
      coordinator.writeContainerHost("0", "host-a");
      coordinator.writeContainerHost("1", "host-b");
      coordinator.writeContainerHost("0", "host-c");

      assertEquals(Map.of("0", "host-c", "1", "host-b"), coordinator.readContainerHosts());
      assertEquals(Optional.empty(), coordinator.readJobModel());
    }
  }
}
