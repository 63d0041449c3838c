package io.strand.samples.flights;

/**
 * One airport-hour whose window has closed, ready to be emitted.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param airport IATA code of the origin
 * @param hour the hour's label, {@code yyyy-MM-dd HH}
 * @param stats statistics of the hour's flights that arrived in time
 */
public record HourWindow(String airport, String hour, DelayStats stats) {
}
