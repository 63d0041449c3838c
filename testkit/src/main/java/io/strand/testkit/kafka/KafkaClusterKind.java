package io.strand.testkit.kafka;

/** What kind of broker stands behind a {@link KafkaCluster}. */
public enum KafkaClusterKind {
    /** An {@link EmbeddedKafkaBroker}: Kafka's own broker classes, no Docker needed. */
    EMBEDDED,
    /** A Testcontainers {@code KafkaContainer} running the {@code apache/kafka} image in Docker. */
    TESTCONTAINERS
}
