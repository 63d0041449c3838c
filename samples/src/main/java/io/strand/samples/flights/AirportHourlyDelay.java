package io.strand.samples.flights;

/**
 * A record of {@code airport-hourly-delays}, keyed {@code ORD|2001-01-01 08}: the departures of
 * one origin airport in one local-time hour, emitted once when the hour closes (see
 * {@link HourlyWindows}) and enriched from the airports table.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param airport IATA code of the origin
 * @param hour the hour, {@code yyyy-MM-dd HH}, origin local time
 * @param name airport name, or {@code unknown}
 * @param city city, or {@code unknown}
 * @param state state code, or {@code unknown}
 * @param flights departures in the hour, in records
 * @param totalDelayMinutes sum of their delays, in minutes
 * @param meanDelayMinutes their mean delay, in minutes
 * @param delayedFlights those delayed by at least 15 minutes
 * @param maxDelayMinutes the largest delay, in minutes
 */
public record AirportHourlyDelay(String airport, String hour, String name, String city, String state, long flights,
    long totalDelayMinutes, double meanDelayMinutes, long delayedFlights, int maxDelayMinutes) {

  /**
   * Builds one from a closed window.
   *
   * @param window the window
   * @param airport the airport's row, or {@link Airport#UNKNOWN}
   * @return the record
   */
  public static AirportHourlyDelay of(HourWindow window, Airport airport) {
    DelayStats s = window.stats();
    return new AirportHourlyDelay(window.airport(), window.hour(), airport.name(), airport.city(), airport.state(),
        s.flights(), s.totalDelayMinutes(), s.meanDelayMinutes(), s.delayedFlights(), s.maxDelayMinutes());
  }

  /**
   * The record's key.
   *
   * @return {@code AIRPORT|yyyy-MM-dd HH}
   */
  public String key() {
    return HourBuckets.outputKey(airport, hour);
  }
}
