package io.strand.testkit.kill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The kill loop of the kill tests: SIGKILLs the two containers ("0" and "1") of a job in process
 * mode in turn, each once the job's checkpoints have moved on, releases the job's
 * {@link KillThrottle} after the last kill, and checks the job then ends well, with one restart per
 * kill. The job is reached through {@link Job}, which the container module's tests and
 * {@code strand-testkit-jobs} implement over a process job (this module cannot see the container).
 *
 * <p>Threading: the test's thread. Waits key off progress, not the clock alone: on a heavily
 * loaded machine a restarted JVM may take long to restore and checkpoint again, which is slowness,
 * not a hang.
 */
public final class KillLoop {

  /** Waiting for a kill point fails after this long without any progress, ms ({@code -Dstrand.test.kills.progress.ms}). */
  private static final long NO_PROGRESS_TIMEOUT_NS =
      TimeUnit.MILLISECONDS.toNanos(Long.getLong("strand.test.kills.progress.ms", 90_000));
  /** Waiting for a kill point fails after this long in any case, progress or not. */
  private static final long TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
  /** The longest one read of the checkpoints waits for news. */
  private static final Duration POLL_WAIT = Duration.ofMillis(200);

  private KillLoop() {}

  /** A running job of two containers, "0" and "1", as the kill loop sees it. */
  public interface Job {
    /**
     * The records each task has checkpointed (offset + 1 summed over its input partitions).
     *
     * @param wait the longest to wait for a checkpoint newer than the last call's
     * @return records by task name
     */
    Map<String, Long> checkpointed(Duration wait);

    /** The names of a container's tasks. */
    List<String> tasksOf(String container);

    /** A container's running process, if any. */
    Optional<ProcessHandle> process(String container);

    /** How many times a container was started. */
    int starts(String container);

    /** Whether the job has ended (in any state). */
    boolean finished();

    /** The job's status, for messages. */
    String status();

    /**
     * Waits for the job to end.
     *
     * @param timeoutMs the longest to wait, ms
     * @return whether it succeeded
     */
    boolean awaitSuccess(long timeoutMs);

    /** Kills the job if it is still running and waits for its end (a failed test must not leave it running). */
    void stop();

    /** The containers' logs (their tails), for a failure's message. */
    String logs();
  }

  /** Runs just before a kill, with the victim's process still running. */
  @FunctionalInterface
  public interface BeforeKill {
    /**
     * @param kill the kill's number, from 1
     * @param victim the container about to be killed
     * @param process its process
     * @throws Exception to fail the test
     */
    void run(int kill, String victim, ProcessHandle process) throws Exception;
  }

  /**
   * Kills the job's containers alternately (1, 0, 1, ...) {@code kills} times with SIGKILL, each
   * at a random point once the job has checkpointed past a target (kill k of n: between k/(n+2)
   * and k/(n+2) + 1/(4(n+2)) of the records) and the victim's tasks past what they had at its
   * previous kill; then creates the release file and waits for the job to end. Asserts it
   * succeeded (with the containers' logs otherwise) and that each kill was followed by exactly one
   * restart. The job is stopped if it is still running when this returns or throws.
   *
   * @param job the submitted job
   * @param records the records of the job's (bounded) input
   * @param kills how many kills
   * @param random where the kill points come from
   * @param jobTimeoutMs how long the job may take to end after the last kill, ms
   * @param release the job's {@link KillThrottle} release file
   * @param beforeKill run before each kill
   * @throws Exception from {@code beforeKill}, creating the release file, or waiting for a killed
   *     process to exit (10 s)
   * @throws AssertionError when the job ends before a kill, makes no progress for 90 s, or ends badly
   */
  public static void run(Job job, long records, int kills, Random random, long jobTimeoutMs, Path release,
      BeforeKill beforeKill) throws Exception {
    Map<String, Long> progressAtKill = new HashMap<>(Map.of("0", 0L, "1", 0L));
    boolean succeeded;
    try {
      for (int kill = 1; kill <= kills; kill++) {
        String victim = String.valueOf(kill % 2);
        long target = records * kill / (kills + 2) + (long) random.nextInt((int) (records / (4 * (kills + 2))));
        long victimProgress = awaitProgress(job, victim, target, progressAtKill.get(victim));
        ProcessHandle handle = job.process(victim).orElseThrow();
        beforeKill.run(kill, victim, handle);
        assertTrue(handle.destroyForcibly());
        handle.onExit().get(10, TimeUnit.SECONDS);
        progressAtKill.put(victim, victimProgress);
      }
      release(release);
      succeeded = job.awaitSuccess(jobTimeoutMs);
    } finally {
      job.stop();
    }
    assertTrue(succeeded, () -> "the job ended " + job.status() + job.logs());
    assertEquals(2 + kills, job.starts("0") + job.starts("1"), "each kill was followed by one restart");
  }

  /**
   * Creates a {@link KillThrottle}'s release file: the job runs at full speed from then on.
   *
   * @param file the file
   * @throws IOException when it cannot be created (it must not exist yet)
   */
  public static void release(Path file) throws IOException {
    Files.createFile(file);
  }

  /**
   * Waits until the job has checkpointed at least {@code target} records in all and the victim's
   * tasks more than {@code victimBefore}, with its process running; only 90 s without the
   * checkpoints growing or the victim restarting fail the wait (and ten minutes in all).
   *
   * @return the victim's checkpointed records
   */
  private static long awaitProgress(Job job, String victimId, long target, long victimBefore) {
    List<String> victimTasks = job.tasksOf(victimId);
    long start = System.nanoTime();
    long lastProgress = start;
    long total = -1;
    long victim = -1;
    int victimStarts = job.starts(victimId);
    while (true) {
      Map<String, Long> checkpointed = job.checkpointed(POLL_WAIT);
      long nowTotal = checkpointed.values().stream().mapToLong(Long::longValue).sum();
      long nowVictim = victimTasks.stream().mapToLong(t -> checkpointed.getOrDefault(t, 0L)).sum();
      int nowStarts = job.starts(victimId);
      long now = System.nanoTime();
      if (nowTotal > total || nowVictim > victim || nowStarts != victimStarts) {
        lastProgress = now;
      }
      total = nowTotal;
      victim = nowVictim;
      victimStarts = nowStarts;
      if (job.finished()) {
        throw new AssertionError("the job ended before every kill: " + job.status() + job.logs());
      }
      if (total >= target && victim > victimBefore && job.process(victimId).isPresent()) {
        return victim;
      }
      if (now - lastProgress > NO_PROGRESS_TIMEOUT_NS || now - start > TIMEOUT_NS) {
        throw new AssertionError("no progress to " + target + " records (victim " + victimId + " past "
            + victimBefore + "): " + (now - lastProgress > NO_PROGRESS_TIMEOUT_NS ? "none for "
            + TimeUnit.NANOSECONDS.toSeconds(NO_PROGRESS_TIMEOUT_NS) + " s" : "not there after 10 min")
            + "; last: " + total + " in all, " + victim + " by the victim, " + victimStarts + " victim starts"
            + job.logs());
      }
    }
  }
}
