/**
 * A worker JVM: its entry point ({@link io.strand.benchmarks.worker.WorkerMain}) runs one workload
 * once on one engine (raw Kafka-client loop, Strand, Kafka Streams) and writes what it measured;
 * the harness starts one per run.
 */
package io.strand.benchmarks.worker;
