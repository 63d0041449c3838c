package io.strand.streams;

/**
 * The job keys the streams API reads besides the ones every job has, as Kafka Streams'
 * {@code StreamsConfig} names its own. Each is read once when a task starts.
 */
public final class StreamsConfig {

  /**
   * Job-wide idle timeout of input partitions, ms of processing time: a partition that has caught
   * up (its task's lag on it is 0: every record written so far has reached the task) and has had no
   * record (or, for an intermediate topic, a control record) for this long stops holding its task's
   * watermark back, and an upstream task whose every input is idle tells the tasks downstream of
   * its repartitions so. A partition with records still to read is never idle, however long they
   * take to arrive (a restart on a loaded machine, a higher-priority input served first): as in
   * Flink, idleness is for partitions without data, and calling a backlogged one idle would move
   * the watermark past its records and make them late. An input's own
   * {@link Consumed#withIdleTimeout} wins over it. At least 0.
   */
  public static final String WATERMARK_IDLE_TIMEOUT_MS = "streams.watermark.idle.timeout.ms";

  /** Default of {@link #WATERMARK_IDLE_TIMEOUT_MS}: 30 s. */
  public static final long DEFAULT_WATERMARK_IDLE_TIMEOUT_MS = 30_000;

  /**
   * Whether a hopping window's {@code count} is kept as panes, Flink's sliced windows: one count
   * per key per advance, summed when a window closes, when the size is a multiple of the advance.
   * A record then updates one count instead of one per window it falls in (size / advance of them);
   * the results, late records and grace are the same either way. A job may switch it between runs:
   * each layout reads the other's state (whole-window counts written without panes are added to
   * their window when it closes). {@code false} keeps one count per window.
   */
  public static final String HOPPING_PANES = "streams.windows.hopping.panes";

  /** Default of {@link #HOPPING_PANES}. */
  public static final boolean DEFAULT_HOPPING_PANES = true;

  private StreamsConfig() {
  }
}
