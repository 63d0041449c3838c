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

  private StreamsConfig() {
  }
}
