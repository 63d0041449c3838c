package io.strand.benchmarks.workload;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every workload of the suite, in the order a round runs them. The plain read and both restores
 * read the same changelog, written once per suite by the harness. The exactly-once workloads do
 * the passthrough and the stateful count in each engine's exactly-once mode (Strand
 * {@code task.delivery.guarantee=exactly-once}, Kafka Streams {@code exactly_once_v2} with
 * transactional state stores, the raw loop with a transactional producer and a
 * {@code read_committed} consumer), at two commit intervals: 100 ms (the default of Strand's and
 * Kafka Streams' exactly-once modes) and 1 s.
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
  /** The windowed count written with Strand's streams API, run by the same container. */
  STRAND_STREAMS_API_WINDOWED(Engine.STRAND, Kind.WINDOWED, 0, Api.STREAMS_API),
  /**
   * The streams API workload's program written with Kafka Streams' DSL (the same windows, grace,
   * emission, aggregate and output); not in {@code --quick}.
   */
  KAFKA_STREAMS_DSL_WINDOWED(Engine.KAFKA_STREAMS, Kind.WINDOWED, 0, Api.DSL),
  /** Raw transactional consume → produce loop, a transaction per 100 ms. */
  RAW_EOS_PASSTHROUGH_100MS(Engine.RAW, Kind.PASSTHROUGH, 100),
  /** Strand's passthrough task, exactly-once, commit every 100 ms. */
  STRAND_EOS_PASSTHROUGH_100MS(Engine.STRAND, Kind.PASSTHROUGH, 100),
  /** Kafka Streams {@code stream(in).to(out)}, {@code exactly_once_v2}, commit every 100 ms. */
  KAFKA_STREAMS_EOS_PASSTHROUGH_100MS(Engine.KAFKA_STREAMS, Kind.PASSTHROUGH, 100),
  /** Raw transactional count (HashMap, changelog records in the transaction), a transaction per 100 ms. */
  RAW_EOS_COUNT_100MS(Engine.RAW, Kind.COUNT, 100),
  /** Strand's count task, exactly-once, commit every 100 ms. */
  STRAND_EOS_COUNT_100MS(Engine.STRAND, Kind.COUNT, 100),
  /** Kafka Streams' count, {@code exactly_once_v2} with transactional state stores, commit every 100 ms. */
  KAFKA_STREAMS_EOS_COUNT_100MS(Engine.KAFKA_STREAMS, Kind.COUNT, 100),
  /** As {@link #RAW_EOS_PASSTHROUGH_100MS}, a transaction per second. */
  RAW_EOS_PASSTHROUGH_1S(Engine.RAW, Kind.PASSTHROUGH, 1000),
  /** As {@link #STRAND_EOS_PASSTHROUGH_100MS}, commit every second. */
  STRAND_EOS_PASSTHROUGH_1S(Engine.STRAND, Kind.PASSTHROUGH, 1000),
  /** As {@link #KAFKA_STREAMS_EOS_PASSTHROUGH_100MS}, commit every second. */
  KAFKA_STREAMS_EOS_PASSTHROUGH_1S(Engine.KAFKA_STREAMS, Kind.PASSTHROUGH, 1000),
  /** As {@link #RAW_EOS_COUNT_100MS}, a transaction per second. */
  RAW_EOS_COUNT_1S(Engine.RAW, Kind.COUNT, 1000),
  /** As {@link #STRAND_EOS_COUNT_100MS}, commit every second. */
  STRAND_EOS_COUNT_1S(Engine.STRAND, Kind.COUNT, 1000),
  /** As {@link #KAFKA_STREAMS_EOS_COUNT_100MS}, commit every second. */
  KAFKA_STREAMS_EOS_COUNT_1S(Engine.KAFKA_STREAMS, Kind.COUNT, 1000),
  /** A plain consumer reading the restore changelog: the ceiling for restore. */
  RAW_READ(Engine.RAW, Kind.READ),
  /** Strand restoring the count store from the restore changelog. */
  STRAND_RESTORE(Engine.STRAND, Kind.RESTORE),
  /** Kafka Streams restoring the count store from the restore changelog. */
  KAFKA_STREAMS_RESTORE(Engine.KAFKA_STREAMS, Kind.RESTORE),
  /** The flights job as a single-thread kafka-clients loop, state in HashMaps: the ceiling, without durability. */
  RAW_FLIGHTS(Engine.RAW, Kind.FLIGHTS),
  /** The flights job as the sample's {@code FlightDelayTask}, configured by {@code flight-delays.properties}. */
  STRAND_FLIGHTS(Engine.STRAND, Kind.FLIGHTS),
  /** The flights job as the sample's {@code FlightDelayApp} (streams API), {@code flight-delays-app.properties}. */
  STRAND_APP_FLIGHTS(Engine.STRAND_APP, Kind.FLIGHTS),
  /** The flights job written with Kafka Streams' DSL. */
  KAFKA_STREAMS_FLIGHTS(Engine.KAFKA_STREAMS, Kind.FLIGHTS),
  /** The enrichment as a kafka-clients loop: the table read into a HashMap first, then consume → produce (no store). */
  RAW_ENRICH(Engine.RAW, Kind.ENRICH),
  /** The enrichment in Strand's streams API: {@code stream.join(table, joiner)}. */
  STRAND_STREAMS_API_ENRICH(Engine.STRAND, Kind.ENRICH, 0, Api.STREAMS_API),
  /** The enrichment in Kafka Streams' DSL: {@code KStream.join(KTable, joiner)}. */
  KAFKA_STREAMS_DSL_ENRICH(Engine.KAFKA_STREAMS, Kind.ENRICH, 0, Api.DSL),
  /** The windowed join as a kafka-clients loop, buffers in HashMaps (no changelog: the ceiling without durability). */
  RAW_JOIN(Engine.RAW, Kind.JOIN),
  /** The windowed join in Strand's streams API: {@code left.join(right, joiner, JoinWindows)}. */
  STRAND_STREAMS_API_JOIN(Engine.STRAND, Kind.JOIN, 0, Api.STREAMS_API),
  /** The windowed join in Kafka Streams' DSL: {@code KStream.join(KStream, joiner, JoinWindows)}. */
  KAFKA_STREAMS_DSL_JOIN(Engine.KAFKA_STREAMS, Kind.JOIN, 0, Api.DSL);

  /** Commit interval of the exactly-once workloads that {@code --quick} runs, ms (the modes' default). */
  public static final long QUICK_EOS_COMMIT_MS = 100;

  private final Engine engine;
  private final Kind kind;
  /** The exactly-once commit interval, ms; 0 for an at-least-once workload. */
  private final long eosCommitMs;
  /** How the job is written. */
  private final Api api;

  Workload(Engine engine, Kind kind) {
    this(engine, kind, 0);
  }

  Workload(Engine engine, Kind kind, long eosCommitMs) {
    this(engine, kind, eosCommitMs, Api.LOW_LEVEL);
  }

  Workload(Engine engine, Kind kind, long eosCommitMs, Api api) {
    this.engine = engine;
    this.kind = kind;
    this.eosCommitMs = eosCommitMs;
    this.api = api;
  }

  /** @return true when the Strand job is a streams API application ({@code app.class}), not a task */
  public boolean streamsApi() {
    return api == Api.STREAMS_API;
  }

  /** @return how the job is written */
  public Api api() {
    return api;
  }

  /** @return who does the work */
  public Engine engine() {
    return engine;
  }

  /** @return what work */
  public Kind kind() {
    return kind;
  }

  /** @return true when the engine runs in its exactly-once mode */
  public boolean exactlyOnce() {
    return eosCommitMs > 0;
  }

  /**
   * @return the commit interval, ms: the exactly-once workload's own, else
   *     {@link ClientSettings#COMMIT_MS} (at-least-once, every engine)
   */
  public long commitMs() {
    return exactlyOnce() ? eosCommitMs : ClientSettings.COMMIT_MS;
  }

  /**
   * @return true when the suite runs it without {@code --workloads}: every workload but the flights
   *     job's (they need the shared data file and add minutes) and the joins' (they load three more
   *     topics and add minutes); name them to run them
   */
  public boolean inDefaultSuite() {
    return kind != Kind.FLIGHTS && !join();
  }

  /** @return true for the join workloads ({@link Kind#ENRICH}, {@link Kind#JOIN}) */
  public boolean join() {
    return kind == Kind.ENRICH || kind == Kind.JOIN;
  }

  /**
   * @return true when {@code --quick} runs it: the default suite but the exactly-once workloads at
   *     1 s and the Kafka Streams DSL windowed count (a second Kafka Streams windowed count, only
   *     there for the streams API comparison; it would make the smoke run longer)
   */
  public boolean inQuickSuite() {
    return inDefaultSuite() && (!exactlyOnce() || eosCommitMs == QUICK_EOS_COMMIT_MS) && api != Api.DSL;
  }

  /** @return true when the workload reads or writes a state store */
  public boolean stateful() {
    return kind == Kind.COUNT || kind == Kind.WINDOWED || kind == Kind.RESTORE;
  }

  /**
   * @return true when an end-to-end latency run at a fixed load makes sense (it transforms a
   *     stream, at least once: an exactly-once output becomes visible only at the next commit, so
   *     its latency is the commit interval's)
   */
  public boolean hasLatency() {
    return !exactlyOnce() && (kind == Kind.PASSTHROUGH || kind == Kind.COUNT || kind == Kind.WINDOWED);
  }

  /** @return the work as the report names it, e.g. "stateful count", "exactly-once stateful count" */
  public String work() {
    return exactlyOnce() ? "exactly-once " + kind.label() : kind.label();
  }

  /**
   * @return e.g. "Strand stateful count", "Strand exactly-once stateful count (commit 100 ms)",
   *     "Strand streams API windowed count", "Kafka Streams DSL windowed count"
   */
  public String label() {
    return engine.label() + (api == Api.LOW_LEVEL ? " " : " " + api.label() + " ") + work() + (exactlyOnce() ? " (commit " + interval(eosCommitMs) + ")" : "");
  }

  /**
   * @param engine an engine
   * @param kind a kind of work
   * @return the at-least-once workload doing that work on that engine with its low-level API, if any
   */
  public static Optional<Workload> of(Engine engine, Kind kind) {
    return Arrays.stream(values()).filter(w -> w.engine == engine && w.kind == kind && !w.exactlyOnce() && w.api == Api.LOW_LEVEL)
        .findFirst();
  }

  /**
   * @param engine an engine
   * @param kind a kind of work
   * @param commitMs the commit interval, ms
   * @return the exactly-once workload doing that work on that engine at that interval, if any
   */
  public static Optional<Workload> exactlyOnce(Engine engine, Kind kind, long commitMs) {
    return Arrays.stream(values())
        .filter(w -> w.engine == engine && w.kind == kind && w.exactlyOnce() && w.eosCommitMs == commitMs).findFirst();
  }

  /** @return the exactly-once commit intervals measured, ms, ascending */
  public static List<Long> exactlyOnceIntervals() {
    return Arrays.stream(values()).filter(Workload::exactlyOnce).map(w -> w.eosCommitMs).distinct().sorted().toList();
  }

  /**
   * @param ms an interval, ms
   * @return "100 ms", "1 s"
   */
  public static String interval(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
