/**
 * Kafka Streams 4.4's DSL versions of the Nexmark queries: the {@code kstreams} engine
 * ({@link io.strand.nexmark.kstreams.KafkaStreamsEngine}, found through ServiceLoader), its
 * topologies, and the order-keeping exchange its key-changing queries use instead of a plain
 * repartition topic so that event time means the same as in Flink and Strand.
 */
package io.strand.nexmark.kstreams;
