package io.strand.metrics;

/**
 * Durations a job measures, as Samza's {@code Timer}: each {@link #update} records one duration in
 * ms. Reported as a timer in ms (in JMX: {@code Count}, {@code Mean}, {@code Max} and percentiles),
 * where Samza keeps a five-minute window of every value ({@code getSnapshot()}, which Strand does not
 * have: read the reported values instead). Made by {@link MetricsRegistry#newTimer}.
 *
 * <p>Threading: thread-safe.
 */
public interface Timer {

  /**
   * Records one duration.
   *
   * @param durationMs the duration, in ms; 0 counts (Samza's timer drops it), a negative duration
   *     is ignored
   */
  void update(long durationMs);

  /**
   * The name it was registered under (without the group).
   *
   * @return the name
   */
  String getName();
}
