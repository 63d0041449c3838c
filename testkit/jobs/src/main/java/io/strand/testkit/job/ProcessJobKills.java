package io.strand.testkit.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.coordinator.JobModels;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.testkit.kill.KillLoop;
import io.strand.testkit.kill.KillThrottle;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A kill test's job in process mode, for the testkit's {@link KillLoop}: {@link #run} submits a
 * job of two containers, SIGKILLs them in turn, and checks it ends with every record checkpointed.
 * The job must be slowed by a {@link KillThrottle} ({@link KillThrottle#keys} in its config), which
 * the loop releases after the last kill. (The container module's own kill tests have their own
 * view of a job, as they cannot depend on this module.)
 *
 * <p>Threading: the test's thread.
 */
public final class ProcessJobKills implements KillLoop.Job {

  private static final long JOB_TIMEOUT_MS = 300_000;

  private final Config config;
  private final ProcessJob job;
  private final Map<String, List<String>> tasksOf = new HashMap<>();
  private Map<String, Long> last = Map.of();

  private ProcessJobKills(Config config, ProcessJob job) {
    this.config = config;
    this.job = job;
    JobModels.readLatest(config).containers().forEach(c ->
        tasksOf.put(c.id(), c.tasks().stream().map(t -> t.taskName().name()).toList()));
  }

  /**
   * Runs the job with kills: {@link KillLoop#run}, then asserts that the job checkpointed every
   * record of its input.
   *
   * @param config the resolved job config (process runner, two containers, {@link KillThrottle#keys})
   * @param total the records of the job's inputs
   * @param kills how many kills
   * @param random where in each share the kill lands
   * @throws Exception when waiting fails
   * @throws AssertionError when the job does not end well (see {@link KillLoop#run}) or misses a record
   */
  public static void run(Config config, long total, int kills, Random random) throws Exception {
    ProcessJob job = new ProcessJobFactory().newJob(config);
    ProcessJobKills view = new ProcessJobKills(config, job);
    job.submit();
    KillLoop.run(view, total, kills, random, JOB_TIMEOUT_MS, KillThrottle.releaseFile(config::get),
        (kill, victim, process) -> { });
    assertEquals(total, view.read().values().stream().mapToLong(Long::longValue).sum(),
        "every record checkpointed");
  }

  /** Reads the checkpoint topic afresh; waits {@code wait} when nothing moved since the last call. */
  @Override
  public Map<String, Long> checkpointed(Duration wait) {
    Map<String, Long> now = read();
    if (now.equals(last)) {
      LockSupport.parkNanos(wait.toNanos());
    }
    last = now;
    return now;
  }

  private Map<String, Long> read() {
    Map<TaskName, Checkpoint> checkpoints;
    try (KafkaCheckpointManager manager = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config), GroupByPartitionFactory.class.getName())) {
      manager.start();
      checkpoints = manager.readLastCheckpoints();
    }
    Map<String, Long> byTask = new TreeMap<>();
    checkpoints.forEach((task, c) ->
        byTask.put(task.name(), c.inputOffsets().values().stream().mapToLong(o -> o + 1).sum()));
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
    if (!job.status().isFinished()) {
      job.kill();
      job.waitForFinish(60_000);
    }
  }

  /** The last 40 lines of each container's log. */
  @Override
  public String logs() {
    StringBuilder b = new StringBuilder();
    for (String c : List.of("0", "1")) {
      try {
        List<String> lines = Files.readAllLines(job.logFile(c));
        b.append("\n--- container ").append(c).append(" log (tail) ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      } catch (Exception e) {
        b.append("\n(no log of container ").append(c).append(": ").append(e).append(')');
      }
    }
    return b.toString();
  }
}
