package io.strand.samples.flights;

import java.util.Comparator;
import java.util.List;

/**
 * Ranks airports by mean departure delay, for the demo's table.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class TopAirports {

  private TopAirports() {
  }

  /**
   * The airports with the highest mean departure delay among the busy ones; ties go to the busier
   * airport, then the code, so the ranking is stable.
   *
   * @param finals one final totals record per airport
   * @param minFlights the fewest departures an airport needs to be ranked
   * @param limit how many to return
   * @return at most {@code limit} records, worst first
   */
  public static List<AirportDelayTotal> worstMeanDelay(List<AirportDelayTotal> finals, long minFlights, int limit) {
    return finals.stream()
        .filter(t -> t.flights() >= minFlights)
        .sorted(Comparator.comparingDouble(AirportDelayTotal::meanDelayMinutes).reversed()
            .thenComparing(Comparator.comparingLong(AirportDelayTotal::flights).reversed())
            .thenComparing(AirportDelayTotal::airport))
        .limit(limit)
        .toList();
  }
}
