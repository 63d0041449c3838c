package io.strand.benchmarks.workload;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every workload of the suite, in the order a round runs them. The plain read and both restores
 * read the same changelog, written once per suite by the harness.
 *
 * <p>Threading: immutable.
 */
public enum Workload {
  /** The ceiling: one thread, consume then produce. */
  RAW_PASSTHROUGH(Engine.RAW, Kind.PASSTHROUGH),
  /** Strand's passthrough task. */
  STRAND_PASSTHROUGH(Engine.STRAND, Kind.PASSTHROUGH),
  /** Kafka Streams {@code stream(in).to(out)}. */
  KAFKA_STREAMS_PASSTHROUGH(Engine.KAFKA_STREAMS, Kind.PASSTHROUGH),
  /** Strand's count task over a RocksDB store with a changelog. */
  STRAND_COUNT(Engine.STRAND, Kind.COUNT),
  /** Kafka Streams Processor API count over a persistent key-value store. */
  KAFKA_STREAMS_COUNT(Engine.KAFKA_STREAMS, Kind.COUNT),
  /** Strand's windowed count task. */
  STRAND_WINDOWED(Engine.STRAND, Kind.WINDOWED),
  /** Kafka Streams Processor API windowed count over a persistent window store. */
  KAFKA_STREAMS_WINDOWED(Engine.KAFKA_STREAMS, Kind.WINDOWED),
  /** A plain consumer reading the restore changelog: the ceiling for restore. */
  RAW_READ(Engine.RAW, Kind.READ),
  /** Strand restoring the count store from the restore changelog. */
  STRAND_RESTORE(Engine.STRAND, Kind.RESTORE),
  /** Kafka Streams restoring the count store from the restore changelog. */
  KAFKA_STREAMS_RESTORE(Engine.KAFKA_STREAMS, Kind.RESTORE);

  private final Engine engine;
  private final Kind kind;

  Workload(Engine engine, Kind kind) {
    this.engine = engine;
    this.kind = kind;
  }

  /** @return who does the work */
  public Engine engine() {
    return engine;
  }

  /** @return what work */
  public Kind kind() {
    return kind;
  }

  /** @return true when the workload reads or writes a state store */
  public boolean stateful() {
    return kind == Kind.COUNT || kind == Kind.WINDOWED || kind == Kind.RESTORE;
  }

  /** @return true when an end-to-end latency run at a fixed load makes sense (it transforms a stream) */
  public boolean hasLatency() {
    return kind == Kind.PASSTHROUGH || kind == Kind.COUNT || kind == Kind.WINDOWED;
  }

  /** @return e.g. "Strand stateful count" */
  public String label() {
    return engine.label() + " " + kind.label();
  }

  /**
   * @param engine an engine
   * @param kind a kind of work
   * @return the workload doing that work on that engine, if any
   */
  public static Optional<Workload> of(Engine engine, Kind kind) {
    return Arrays.stream(values()).filter(w -> w.engine == engine && w.kind == kind).findFirst();
  }
}
