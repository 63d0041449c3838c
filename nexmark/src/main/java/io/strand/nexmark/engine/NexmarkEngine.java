package io.strand.nexmark.engine;

import io.strand.nexmark.query.Query;

/**
 * One stream processor running the Nexmark queries: Strand, Kafka Streams or Flink. The harness
 * finds an engine by {@link #name()} through {@link java.util.ServiceLoader} in a worker JVM
 * ({@link EngineWorker}) whose class path is the engine module's: each engine module lists its
 * class in {@code META-INF/services/io.strand.nexmark.engine.NexmarkEngine}.
 *
 * <p>Contract: {@link #start} returns once the query is running (or throws); the engine reads the
 * query's {@link Query#inputs()} from the earliest offsets, follows {@link Query}'s semantics,
 * calls {@link EndOfInput#keep} exactly once on every input record right after decoding it (and
 * drops the record when that returns false) and writes to {@code query.outputTopic(name())},
 * which exists already. The worker decides when the run is complete (every end-of-input marker
 * seen, then the output quiet) and closes the handle.
 */
public interface NexmarkEngine {

  /**
   * The engine's name.
   *
   * @return one of {@link Query#ENGINES}
   */
  String name();

  /**
   * Starts a query.
   *
   * @param query the query
   * @param settings where and how
   * @return the running query; closing it stops the engine and releases its resources
   * @throws UnsupportedOperationException if the engine has no implementation of the query
   * @throws Exception if it cannot start
   */
  Running start(Query query, EngineSettings settings) throws Exception;

  /** A running query. */
  interface Running extends AutoCloseable {
    /**
     * Stops the query (no output is expected after this), blocking until stopped.
     *
     * @throws Exception if stopping fails
     */
    @Override
    void close() throws Exception;
  }
}
