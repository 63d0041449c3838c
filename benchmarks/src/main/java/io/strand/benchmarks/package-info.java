/**
 * The benchmark's command line ({@code bin/benchmark}, {@link io.strand.benchmarks.BenchmarkCommand}):
 * Strand against the raw Kafka-client loop and Kafka Streams on the same work in the same run.
 * Layers, each using only those after it: this package; {@code harness} (runs the suite);
 * {@code report} (results and their rendering); {@code measure} (worker JVMs, latency probe);
 * {@code worker} (a worker JVM's main and the engines' workloads); {@code strand} and
 * {@code streams} (the engines' task code); {@code workload} (what is run and with which
 * settings); {@code progress} (what a worker tells the harness); {@code data} (the input).
 */
package io.strand.benchmarks;
