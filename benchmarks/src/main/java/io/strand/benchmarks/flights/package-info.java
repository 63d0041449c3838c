/**
 * The flights job as a benchmark workload ({@link io.strand.benchmarks.workload.Kind#FLIGHTS}): the
 * per-run topics, the Strand job configurations of the sample's {@code FlightDelayTask} and
 * {@code FlightDelayApp}, the same job in Kafka Streams' DSL ({@link FlightsDsl}) and as plain
 * HashMap state for the raw loop ({@link FlightsLoop}), the harness's loading of the January 2001
 * file ({@link FlightsInput}) and the comparison of the engines' outputs ({@link FlightsOutputs}).
 */
package io.strand.benchmarks.flights;
