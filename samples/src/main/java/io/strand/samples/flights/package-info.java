/**
 * The flights sample on the U.S. flights data: {@link io.strand.samples.flights.FlightDelayTask}
 * (per-airport delay totals, hourly windows in event time, enrichment from the airports table as a
 * bootstrap broadcast input), the loader that writes the CSV files to Kafka, the README demo, and
 * {@link io.strand.samples.flights.FlightResults}, which prints the job's final results.
 */
package io.strand.samples.flights;
