package io.strand.streams;

/**
 * A job written with the declarative streams API, named by {@code app.class} in the job's
 * properties (Samza's key) instead of {@code task.class}. Strand calls {@link #describe} once when
 * the configuration is loaded, to learn the job's inputs, intermediate topics and stores, and again
 * in every container start, to build the operators each task runs; so {@code describe} must build
 * the same graph every time and have no other effect.
 *
 * <p>The class needs a public no-argument constructor. Every other key of the job (job, systems,
 * serdes, the stores' RocksDB settings, delivery guarantee, runner, YARN) keeps its meaning.
 */
public interface StreamApplication {

  /**
   * Builds the job's operator graph.
   *
   * @param graph the graph to add inputs and operators to
   */
  void describe(StreamGraph graph);
}
