package io.strand.container.it;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kill.KillLoop;
import io.strand.testkit.kill.KillThrottle;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The SIGKILL tests' view of a {@link CountingJob} in process mode, for the testkit's
 * {@link KillLoop}: its checkpoints read incrementally by a {@link CheckpointWatch}, its
 * containers' processes and starts; and the size of the changelog the restarts are compared with.
 */
final class ContainerKills implements KillLoop.Job {

  private final ProcessJob job;
  private final CheckpointWatch watch;
  private final Map<String, List<String>> tasksOf = new HashMap<>();

  private ContainerKills(ProcessJob job, CheckpointWatch watch, Map<String, List<TaskName>> tasksOf) {
    this.job = job;
    this.watch = watch;
    tasksOf.forEach((c, tasks) -> this.tasksOf.put(c, tasks.stream().map(TaskName::name).toList()));
  }

  /**
   * Runs {@link KillLoop#run} on the job: {@code kills} SIGKILLs, the throttle released after the
   * last, the job's success and one restart per kill asserted.
   *
   * @param config the job's config, with {@link KillThrottle#keys}
   * @param job the submitted job (containers "0" and "1")
   * @param tasksOf each container's tasks
   * @param messages the messages of the job's input
   * @param kills how many kills
   * @param random where the kill points come from
   * @param jobTimeoutMs how long the job may take to end after the last kill, ms
   * @param beforeKill run before each kill
   * @throws Exception from {@code beforeKill}, or waiting for a killed process to exit (10 s)
   */
  static void killAndFinish(Config config, ProcessJob job, Map<String, List<TaskName>> tasksOf, long messages,
      int kills, Random random, long jobTimeoutMs, KillLoop.BeforeKill beforeKill) throws Exception {
    try (CheckpointWatch watch = new CheckpointWatch(config)) {
      KillLoop.run(new ContainerKills(job, watch, tasksOf), messages, kills, random, jobTimeoutMs,
          KillThrottle.releaseFile(config::get), beforeKill);
    }
  }

  @Override
  public Map<String, Long> checkpointed(Duration wait) {
    Map<String, Long> byTask = new TreeMap<>();
    watch.poll(wait).forEach((task, checkpoint) ->
        byTask.put(task.name(), CountingJob.checkpointedMessages(Map.of(task, checkpoint))));
    return byTask;
  }

  @Override
  public List<String> tasksOf(String container) {
    return tasksOf.get(container);
  }

  @Override
  public Optional<ProcessHandle> process(String container) {
    return job.containerProcess(container);
  }

  @Override
  public int starts(String container) {
    return job.starts(container);
  }

  @Override
  public boolean finished() {
    return job.status().isFinished();
  }

  @Override
  public String status() {
    return job.status().toString();
  }

  @Override
  public boolean awaitSuccess(long timeoutMs) {
    return job.waitForFinish(timeoutMs) == JobStatus.SUCCEEDED;
  }

  @Override
  public void stop() {
    stopIfRunning(job);
  }

  @Override
  public String logs() {
    return TrimAfterCrashTest.log(job);
  }

  /** The records a topic's partitions hold, up to their ends (transaction markers included). */
  static long records(KafkaCluster kafka, String topic, int partitions) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }
  }

  /**
   * Kills a job that a failed test leaves running: otherwise its supervisor goes on restarting
   * containers (into a deleted temporary directory) for the rest of the test JVM, loading the
   * machine under the next tests.
   *
   * @param job the job
   */
  static void stopIfRunning(ProcessJob job) {
    if (!job.status().isFinished()) {
      job.kill();
      job.waitForFinish(60_000);
    }
  }
}
