/**
 * The Nexmark queries on Flink's DataStream API (Flink 2.2): the harness's {@code flink} engine
 * ({@link io.strand.nexmark.flink.FlinkEngine}, a local MiniCluster in the worker JVM with Flink's
 * Kafka source and sink), the queries themselves ({@link io.strand.nexmark.flink.FlinkQueries}
 * and one class per stateful query) and where their inputs come from
 * ({@link io.strand.nexmark.flink.EventStreams}).
 */
package io.strand.nexmark.flink;
