package io.strand.benchmarks.workload;

/**
 * How a workload's job is written, when an engine offers more than one way. Threading: immutable.
 */
public enum Api {
  /**
   * The engine's own low-level way: Strand's {@code StreamTask}, Kafka Streams' Processor API (its
   * passthrough is the DSL's {@code stream(in).to(out)}, which is its low-level way too), the raw
   * loop.
   */
  LOW_LEVEL(""),
  /** Strand's streams API: an {@code app.class} describing a graph, run by the same container. */
  STREAMS_API("streams API"),
  /** Kafka Streams' DSL ({@code StreamsBuilder}), the counterpart of Strand's streams API. */
  DSL("DSL");

  private final String label;

  Api(String label) {
    this.label = label;
  }

  /** @return the words the report puts between engine and work ("" for {@link #LOW_LEVEL}) */
  public String label() {
    return label;
  }
}
