package io.strand.benchmarks.workload;

/** The work a workload does, the same across engines. Threading: immutable. */
public enum Kind {
  /** Consume every input record and produce it unchanged to an output topic. */
  PASSTHROUGH("passthrough"),
  /** Count per key in a changelogged RocksDB store (one get and one put per record) and emit the new count. */
  COUNT("stateful count"),
  /** Count per key and 1 s tumbling event-time window in a changelogged store; emit the new count. */
  WINDOWED("windowed count"),
  /** Rebuild the count store from a count changelog (one record per input record) into an empty state directory. */
  RESTORE("restore"),
  /** Read a topic from beginning to end with one plain consumer (the ceiling for restore). */
  READ("plain read"),
  /**
   * The flights job on the January 2001 flights file: parse each CSV line, keep per-airport totals
   * and one-hour event-time windows per airport (1 h grace), enrich from the airports table, emit
   * each closed hour and, at the end of the input, every airport's final totals.
   */
  FLIGHTS("flights job"),
  /**
   * Stream-table enrichment: each input record joined with its key's row of a table read from a
   * compacted topic (one row per key id, read before the stream), the enriched record emitted.
   */
  ENRICH("stream-table enrichment"),
  /**
   * Windowed stream-stream join: two co-partitioned inputs joined on key within
   * &plusmn;{@value io.strand.benchmarks.data.JoinPayloads#WINDOW_MS} ms of event time (grace
   * {@value io.strand.benchmarks.data.JoinPayloads#GRACE_MS} ms), each pair emitted once.
   */
  JOIN("windowed stream-stream join");

  private final String label;

  Kind(String label) {
    this.label = label;
  }

  /** @return the name shown in reports */
  public String label() {
    return label;
  }
}
