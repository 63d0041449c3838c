package io.strand.nexmark.engine;

/**
 * What one run of one query on one engine measured, as the worker prints it (one JSON line
 * starting {@link #PREFIX}).
 *
 * @param engine the engine's name
 * @param query the query's id, e.g. {@code q5}
 * @param status {@code ok}, {@code absent} (no such engine on the class path),
 *     {@code unsupported} (the engine lacks the query) or {@code failed}
 * @param message why, when not ok
 * @param inputRecords input events of the query's topics (markers not counted)
 * @param seconds the timed window: first input record read to the last output record written
 *     (or the last end-of-input marker read, if later), s
 * @param recordsPerSecond inputRecords / seconds
 * @param cpuNsPerRecord the worker JVM's CPU time over the timed window per input record, ns
 * @param peakRssBytes the worker JVM's peak resident set size (VmHWM), bytes
 * @param outputRecords records in the output topic at the end
 */
public record WorkerResult(String engine, String query, String status, String message, long inputRecords,
    double seconds, double recordsPerSecond, double cpuNsPerRecord, long peakRssBytes, long outputRecords) {

  /** The line prefix of the result on the worker's standard output. */
  public static final String PREFIX = "NEXMARK-RESULT ";

  /**
   * A run that measured nothing.
   *
   * @param engine the engine
   * @param query the query id
   * @param status why
   * @param message detail
   * @return the result
   */
  public static WorkerResult notRun(String engine, String query, String status, String message) {
    return new WorkerResult(engine, query, status, message, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Whether the run completed.
   *
   * @return status is ok
   */
  public boolean ok() {
    return "ok".equals(status);
  }
}
