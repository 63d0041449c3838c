/**
 * The Kafka Streams side of every workload: the topologies and their processors, built to do the
 * same work as the Strand tasks in {@code strand}.
 */
package io.strand.benchmarks.streams;
