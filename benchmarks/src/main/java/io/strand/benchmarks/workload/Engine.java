package io.strand.benchmarks.workload;

/** Who does the work of a workload. Threading: immutable. */
public enum Engine {
  /** A hand-written loop over kafka-clients: the ceiling. */
  RAW("raw"),
  /** Strand's real container ({@code StreamContainer}) running a {@code StreamTask}. */
  STRAND("Strand"),
  /** Strand's streams API ({@code StreamApplication}) on the same container. */
  STRAND_APP("Strand streams API"),
  /** Kafka Streams of the root pom's {@code kafka.version}; the report names the version that ran. */
  KAFKA_STREAMS("Kafka Streams");

  private final String label;

  Engine(String label) {
    this.label = label;
  }

  /** @return the name shown in reports */
  public String label() {
    return label;
  }
}
