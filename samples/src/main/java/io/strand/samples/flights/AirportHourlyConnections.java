package io.strand.samples.flights;

/**
 * One record of {@code airport-connections}: how many connections an airport offers in one hour,
 * as {@link ConnectionsApp} counts them.
 *
 * <p>Threading: an immutable value.
 *
 * @param airport IATA code of the airport where passengers change planes
 * @param hour the hour of the connecting flight's scheduled departure, {@link HourBuckets#label}
 * @param connections pairs (flight in, flight out 1 to 3 hours after its departure) in that hour
 */
public record AirportHourlyConnections(String airport, String hour, long connections) {

  /**
   * The record's key in the output topic.
   *
   * @return {@code <airport>|<hour>}, as {@link HourBuckets#outputKey}
   */
  public String key() {
    return HourBuckets.outputKey(airport, hour);
  }
}
