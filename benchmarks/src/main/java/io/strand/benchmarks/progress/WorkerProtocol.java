package io.strand.benchmarks.progress;

/**
 * Lines a worker JVM prints on stdout for the harness (everything else it logs goes to stderr):
 * {@link #READY} when a latency-mode job is consuming, {@link #START} at the first record of the
 * timed window, {@link #END} when the work is done (outputs flushed, job stopped). The harness
 * samples the CPU time of the worker and of the broker at START and END, so both figures cover
 * exactly the timed window.
 *
 * <p>Threading: {@link #emit} is safe from any thread.
 */
public final class WorkerProtocol {

  /** Prefix of every protocol line. */
  public static final String PREFIX = "STRAND-BENCH ";
  /** The job consumes; the harness may start offering load. */
  public static final String READY = "READY";
  /** The timed window starts. */
  public static final String START = "START";
  /** The timed window ends. */
  public static final String END = "END";

  private WorkerProtocol() {
  }

  /** @param event one of the constants above */
  public static void emit(String event) {
    synchronized (System.out) {
      System.out.println(PREFIX + event);
      System.out.flush();
    }
  }
}
