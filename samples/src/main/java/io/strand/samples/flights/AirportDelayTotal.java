package io.strand.samples.flights;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of {@code airport-delay-totals}, keyed by airport code: one origin airport's running
 * totals, enriched from the airports table. Sent every {@code task.window.ms} for airports that
 * changed ({@code final=false}) and exactly once per airport at the end of the input
 * ({@code final=true}).
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param airport IATA code of the origin
 * @param name airport name, or {@code unknown}
 * @param city city, or {@code unknown}
 * @param state state code, or {@code unknown}
 * @param flights departures counted, in records
 * @param totalDelayMinutes sum of departure delays, in minutes
 * @param meanDelayMinutes mean departure delay, in minutes
 * @param delayedFlights departures delayed by at least 15 minutes
 * @param maxDelayMinutes the largest departure delay, in minutes
 * @param lateRecords flights that arrived after their hour was emitted, in records
 * @param finalRecord whether this is the airport's final record (JSON field {@code final})
 */
public record AirportDelayTotal(String airport, String name, String city, String state, long flights,
    long totalDelayMinutes, double meanDelayMinutes, long delayedFlights, int maxDelayMinutes, long lateRecords,
    @JsonProperty("final") boolean finalRecord) {

  /**
   * Builds one from an airport's totals.
   *
   * @param code IATA code
   * @param airport the airport's row, or {@link Airport#UNKNOWN}
   * @param totals its totals
   * @param finalRecord whether it is the final record
   * @return the record
   */
  public static AirportDelayTotal of(String code, Airport airport, AirportTotals totals, boolean finalRecord) {
    DelayStats s = totals.stats();
    return new AirportDelayTotal(code, airport.name(), airport.city(), airport.state(), s.flights(),
        s.totalDelayMinutes(), s.meanDelayMinutes(), s.delayedFlights(), s.maxDelayMinutes(), totals.lateRecords(),
        finalRecord);
  }
}
