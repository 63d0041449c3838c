package io.strand.samples.flights;

import io.strand.container.progress.JobProgress;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * When a running job processed its first record, as seen by polling its progress: splits the demo's
 * job time into start-up (job model, topics, checkpoints, stores opened and restored, tasks
 * initialized, consumers started, the first fetch) and processing (the airports bootstrap, the
 * flights, the final commit and close),
 * so that the records/s of the processing is not diluted by the start-up.
 *
 * <p>Polls every {@value #POLL_MS} ms on a daemon thread, so the start of processing is known to
 * within about that.
 *
 * <p>Threading: {@link #start} and {@link #close} from one thread; {@link #processingSinceNanos}
 * from any.
 */
final class JobPhaseClock implements AutoCloseable {

  /** How often the progress is read, in ms. */
  static final long POLL_MS = 5;

  private final Thread poller;
  private volatile long processingSinceNanos = Long.MIN_VALUE;
  private volatile boolean stopped;

  private JobPhaseClock(Supplier<Optional<JobProgress>> progress) {
    poller = new Thread(() -> {
      while (!stopped) {
        JobProgress p = progress.get().orElse(JobProgress.STARTING);
        if (p.processedRecords() > 0) {
          processingSinceNanos = System.nanoTime();
          return;
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "flights-demo-phase-clock");
    poller.setDaemon(true);
  }

  /**
   * Starts polling.
   *
   * @param progress the job's progress ({@code StreamJob::progress})
   * @return the clock; close it when the job has ended
   */
  static JobPhaseClock start(Supplier<Optional<JobProgress>> progress) {
    JobPhaseClock clock = new JobPhaseClock(progress);
    clock.poller.start();
    return clock;
  }

  /**
   * When the first record was processed.
   *
   * @return {@link System#nanoTime} then, or empty if that was not seen (the job ended or failed first)
   */
  OptionalLong processingSinceNanos() {
    long t = processingSinceNanos;
    return t == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(t);
  }

  @Override
  public void close() {
    stopped = true;
    poller.interrupt();
  }
}
