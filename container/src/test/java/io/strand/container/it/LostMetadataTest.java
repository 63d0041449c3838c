package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.view.DeliveryGuarantee;
import io.strand.config.view.JobConfig;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.job.JobIdentity;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.testjobs.CountingTask;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stateful bounded job whose metadata is lost while it is stopped, on the real broker: the
 * checkpoint topic deleted (the consumer group still holds the offsets, or is deleted too), or the
 * changelog topic deleted under an intact local store. Each restart either resumes with no input
 * skipped and no state wiped, or refuses to start with an error naming the key that forces it.
 *
 * <p>The checkpoint-loss cases run in both delivery modes. Under exactly-once the job also emits
 * every count ({@code test.output.stream}) and the consumer group offsets are committed inside each
 * transaction, with the checkpoints: they match the checkpoints exactly, so a restart from them
 * processes nothing twice and the {@code read_committed} output stays exactly once across the loss.
 */
@RealKafka
class LostMetadataTest {

  private static final long JOB_TIMEOUT_MS = 90_000;

  @TempDir
  Path workDir;

  @ParameterizedTest
  @EnumSource(DeliveryGuarantee.class)
  void aDeletedCheckpointTopicResumesFromTheConsumerGroupWithNothingSkippedAndStateKept(DeliveryGuarantee mode,
      KafkaCluster kafka) throws Exception {
    CountingJob job = inMode(mode, new CountingJob(kafka, "lost-checkpoints", 2, workDir));
    job.produce(values("k", 10, 300));
    assertEquals(JobStatus.SUCCEEDED, run(job.with("systems.kafka.samza.offset.default", "oldest")));
    assertEquals(job.expectedCounts(), job.changelogContents());
    awaitGroupOffsets(kafka, job, job.messages());
    if (mode == DeliveryGuarantee.EXACTLY_ONCE) {
      assertEquals(groupOffsets(kafka, job), nextToRead(checkpoints(job)),
          "committed in the checkpoints' transactions, the group offsets are the checkpoints exactly");
    }

    deleteTopic(kafka, checkpointTopic(job));
    job.produce(values("k", 10, 200));

    // The default samza.offset.default=upcoming: before, the restart skipped these 200 messages and wiped the store.
    assertEquals(JobStatus.SUCCEEDED, run(job.with("systems.kafka.samza.offset.default", "upcoming")));

    assertEquals(job.expectedCounts(), job.changelogContents(), "every appended message counted on the kept state");
    assertEquals(job.messages(), CountingJob.checkpointedMessages(checkpoints(job)), "checkpointed up to the end");
    if (mode == DeliveryGuarantee.EXACTLY_ONCE) {
      ExactlyOnceOutputs.assertExactlyOnce(kafka, outputOf(job), job);
    }
  }

  @ParameterizedTest
  @EnumSource(DeliveryGuarantee.class)
  void lostCheckpointsAndConsumerGroupRefuseToStartUnlessForced(DeliveryGuarantee mode, KafkaCluster kafka)
      throws Exception {
    CountingJob job = inMode(mode, new CountingJob(kafka, "lost-all-offsets", 2, workDir));
    job.produce(values("k", 10, 300));
    assertEquals(JobStatus.SUCCEEDED, run(job.with("systems.kafka.samza.offset.default", "oldest")));
    Map<String, String> before = job.changelogContents();
    assertEquals(job.expectedCounts(), before);
    awaitGroupOffsets(kafka, job, job.messages());

    deleteTopic(kafka, checkpointTopic(job));
    try (Admin admin = kafka.client().admin()) {
      admin.deleteConsumerGroups(List.of(group(job))).all().get(30, TimeUnit.SECONDS);
    }
    job.produce(values("k", 10, 200));
    int inits = CountingTask.INITS.get(job.jobName).get();

    JobStatus refused = run(job.with("systems.kafka.samza.offset.default", "upcoming"));

    assertEquals(JobStatus.State.FAILED, refused.state(), refused::toString);
    String cause = refused.cause().orElseThrow();
    for (String named : List.of(checkpointTopic(job), group(job), "strand.checkpoint.missing=offset-default",
        "upcoming", "skipping every message that arrived while the job was stopped", job.changelog)) {
      assertTrue(cause.contains(named), () -> "names " + named + ": " + cause);
    }
    assertEquals(inits, CountingTask.INITS.get(job.jobName).get(), "no task was initialized");
    assertEquals(before, job.changelogContents(), "nothing trimmed or wiped");
    assertFalse(topicExists(kafka, checkpointTopic(job)), "the checkpoint topic is not created by a refused start");
    assertEquals(JobStatus.State.FAILED, run(job).state(), "a second attempt is refused too");

    JobStatus forced = run(job.with("strand.checkpoint.missing", "offset-default"));

    assertEquals(JobStatus.SUCCEEDED, forced, forced::toString);
    assertEquals(before, job.changelogContents(), "started at upcoming (the appended input skipped, as asked),"
        + " with the changelog's state kept");
    assertTrue(topicExists(kafka, checkpointTopic(job)));
  }

  @Test
  void aDeletedChangelogIsRecoveredFromTheLocalSnapshotAndReseeded(KafkaCluster kafka) throws Exception {
    CountingJob job = new CountingJob(kafka, "lost-changelog", 2, workDir);
    job.produce(values("k", 10, 300));
    assertEquals(JobStatus.SUCCEEDED, run(job.with("systems.kafka.samza.offset.default", "oldest")));
    assertEquals(job.expectedCounts(), job.changelogContents());
    Map<TaskName, Checkpoint> first = checkpoints(job);

    deleteTopic(kafka, job.changelog);
    job.produce(values("k", 10, 200));

    JobStatus failed = run(job);

    assertEquals(JobStatus.State.FAILED, failed.state(), failed::toString);
    String cause = failed.cause().orElseThrow();
    assertTrue(cause.contains("stores.counts.changelog.recover=local") && cause.contains("deleted or recreated"),
        cause);
    assertEquals(first, checkpoints(job), "nothing was committed");

    JobStatus recovered = run(job.with("stores.counts.changelog.recover", "local"));

    assertEquals(JobStatus.SUCCEEDED, recovered, recovered::toString);
    assertEquals(job.expectedCounts(), job.changelogContents(),
        "the state before, re-seeded into the new changelog, plus the appended input");
    assertEquals(job.messages(), CountingJob.checkpointedMessages(checkpoints(job)));

    // The new changelog and the checkpoints agree: a restart without local state restores from them alone.
    deleteRecursively(job.storeDir);
    job.produce(values("k", 10, 100));

    assertEquals(JobStatus.SUCCEEDED, run(job));

    assertEquals(job.expectedCounts(), job.changelogContents());
  }

  /**
   * The job in a delivery mode: as it is under at-least-once; under exactly-once with every count
   * sent to an output topic of its own ({@link #outputOf}).
   */
  private static CountingJob inMode(DeliveryGuarantee mode, CountingJob job) {
    if (mode == DeliveryGuarantee.AT_LEAST_ONCE) {
      return job;
    }
    return ExactlyOnceTest.config(job, ExactlyOnceTest.output(job.kafka, job.jobName));
  }

  private static String outputOf(CountingJob job) {
    return job.config(ThreadJobFactory.class.getName()).get("test.output.stream").orElseThrow();
  }

  private static Map<TopicPartition, Long> groupOffsets(KafkaCluster kafka, CountingJob job) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
      admin.listConsumerGroupOffsets(group(job)).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .forEach((tp, o) -> offsets.put(tp, o.offset()));
      return offsets;
    }
  }

  /** The next offset to read per input partition, as the checkpoints name it (last processed + 1). */
  private static Map<TopicPartition, Long> nextToRead(Map<TaskName, Checkpoint> checkpoints) {
    Map<TopicPartition, Long> offsets = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
    checkpoints.values().forEach(cp -> cp.inputOffsets().forEach((ssp, last) ->
        offsets.put(new TopicPartition(ssp.getStream(), ssp.partition().id()), last + 1)));
    return offsets;
  }

  private static List<String> values(String prefix, int keys, int count) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(prefix + (i % keys));
    }
    return values;
  }

  private static JobStatus run(CountingJob job) {
    Config config = job.config(ThreadJobFactory.class.getName());
    StreamJob streamJob = new ThreadJobFactory().getJob(config);
    streamJob.submit();
    return streamJob.waitForFinish(JOB_TIMEOUT_MS);
  }

  private static Map<TaskName, Checkpoint> checkpoints(CountingJob job) {
    return CountingJob.checkpoints(job.config(ThreadJobFactory.class.getName()));
  }

  private static JobIdentity identity(CountingJob job) {
    return new JobIdentity(job.jobName, JobConfig.DEFAULT_JOB_ID);
  }

  private static String checkpointTopic(CountingJob job) {
    return identity(job).checkpointTopic();
  }

  private static String group(CountingJob job) {
    return identity(job).consumerGroup();
  }

  // The mirror is sent after each checkpoint, without waiting: the test waits for the last one.
  private static void awaitGroupOffsets(KafkaCluster kafka, CountingJob job, long messages) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    try (Admin admin = kafka.client().admin()) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group(job))
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long committed = offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        if (committed == messages) {
          return;
        }
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("consumer group " + group(job) + " holds " + offsets + ", not " + messages
              + " messages in all");
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    }
  }

  private static void deleteTopic(KafkaCluster kafka, String topic) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (topicExists(kafka, topic)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("topic " + topic + " is still there 30 s after its deletion");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static boolean topicExists(KafkaCluster kafka, String topic) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
    }
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
