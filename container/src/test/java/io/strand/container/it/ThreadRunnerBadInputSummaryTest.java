package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.coordinator.JobModels;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.runloop.CapturedLog;
import io.strand.container.runloop.RecordingTask;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import io.strand.testkit.kafka.TestJobConfigs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * The thread runner sums up the undeserializable input its containers skipped or dead-lettered in
 * one line at the end of a bounded job; the containers' own lines are at DEBUG.
 */
@RealKafka
class ThreadRunnerBadInputSummaryTest {

  private static final long JOB_TIMEOUT_MS = 120_000;
  private static final int PARTITIONS = 4;

  /** Every partition of {@code in} holds a good and a bad message; {@code other}'s partition 0 one bad one. */
  @Test
  void aBoundedJobOfTwoContainersEndsWithOneLineSummingUpTheirSkippedMessages(KafkaCluster kafka,
      KafkaTestClient client) {
    String job = kafka.uniqueTopic("skip-summary");
    String in = kafka.uniqueTopic("in");
    String other = kafka.uniqueTopic("other");
    client.createTopic(in, PARTITIONS);
    client.createTopic(other, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      records.add(new ProducerRecord<>(in, p, "k", "{\"v\":\"" + p + "\"}"));
      records.add(new ProducerRecord<>(in, p, "k", "not json " + p));
    }
    records.add(new ProducerRecord<>(other, 0, "k", "{{"));
    client.produce(records);
    Map<String, String> m = new HashMap<>();
    m.put("job.name", job);
    m.put("job.id", "1");
    m.put("job.container.count", "2");
    m.put("job.factory.class", ThreadJobFactory.class.getName());
    m.put("task.class", RecordingTask.class.getName());
    m.put("task.inputs", "kafka." + in + ",kafka." + other);
    m.put("task.commit.ms", "200");
    m.put("task.drop.deserialization.errors", "true");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    m.put("systems.kafka.samza.msg.serde", "json");
    TestJobConfigs.putBoundedInput(m, in);
    TestJobConfigs.putBoundedInput(m, other);
    Config config = Config.of(m);

    try (CapturedLog log = new CapturedLog()) {
      StreamJob streamJob = new ThreadJobFactory().getJob(config);
      streamJob.submit();
      assertEquals(JobStatus.SUCCEEDED, streamJob.waitForFinish(JOB_TIMEOUT_MS));

      // Both containers read partitions of `in`, each holding a bad message: both skipped some.
      JobModel model = JobModels.readLatest(config);
      assertEquals(2, model.containers().size());
      for (ContainerModel c : model.containers()) {
        Set<String> topics = c.tasks().stream().flatMap(t -> t.inputs().stream()).map(SystemStreamPartition::getStream)
            .collect(Collectors.toSet());
        assertTrue(topics.contains(in), "container " + c.id() + " reads " + topics);
      }
      List<String> streams = new ArrayList<>(List.of("kafka." + in + ": " + PARTITIONS, "kafka." + other + ": 1"));
      streams.sort(null);
      assertEquals(List.of(new CapturedLog.Line(Level.WARN, "Job " + job + "-1: skipped " + (PARTITIONS + 1)
          + " undeserializable messages (" + String.join(", ", streams) + "), dead-lettered 0 (2 containers)")),
          log.containing(job, "undeserializable messages"), "one summary line for the job, none per container");
    }
  }
}
