package io.strand.benchmarks.workload;

/** Who does the work of a workload. Threading: immutable. */
public enum Engine {
  /** A hand-written loop over kafka-clients: the ceiling. */
  RAW("raw"),
  /** Strand's real container ({@code StreamContainer}) running a {@code StreamTask}. */
  STRAND("Strand"),
  /** Kafka Streams {@value io.strand.benchmarks.workload.Engine#KAFKA_STREAMS_VERSION}. */
  KAFKA_STREAMS("Kafka Streams");

  /** The Kafka Streams version compared against (the root pom's {@code kafka.version}). */
  public static final String KAFKA_STREAMS_VERSION = "4.3.1";

  private final String label;

  Engine(String label) {
    this.label = label;
  }

  /** @return the name shown in reports */
  public String label() {
    return label;
  }
}
