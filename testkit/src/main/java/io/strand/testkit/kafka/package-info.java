/**
 * A real Kafka for tests: a single-node KRaft broker in this JVM or in a child JVM
 * ({@link io.strand.testkit.kafka.EmbeddedKafkaBroker}, {@link io.strand.testkit.kafka.BrokerSettings}),
 * or a Testcontainers broker where Docker is present, chosen by
 * {@link io.strand.testkit.kafka.KafkaClusters}; a client for topics, records and offsets
 * ({@link io.strand.testkit.kafka.KafkaTestClient}); and the config lines test jobs share
 * ({@link io.strand.testkit.kafka.TestJobConfigs}). Test code only: nothing here is needed at
 * production runtime.
 */
package io.strand.testkit.kafka;
