package io.strand.samples.flights;

/**
 * The value of the {@code airport-totals} store: one origin airport's running statistics since
 * the job began, and how many of its flights came too late for their hourly window.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param stats statistics of every flight of the airport, late ones included (a late flight is
 *     still a flight; only its hour was already emitted)
 * @param lateRecords flights that arrived after their hour had been emitted, in records
 */
public record AirportTotals(DelayStats stats, long lateRecords) {

  /** An airport with no flights yet. */
  public static final AirportTotals EMPTY = new AirportTotals(DelayStats.EMPTY, 0);

  /**
   * Adds one flight.
   *
   * @param flight the flight
   * @param late whether its hourly window was already emitted
   * @return the new totals
   */
  public AirportTotals plus(Flight flight, boolean late) {
    return new AirportTotals(stats.plus(flight.delayMinutes()), lateRecords + (late ? 1 : 0));
  }

  /**
   * Adds other totals.
   *
   * @param other more flights of the airport
   * @return the totals of both
   */
  public AirportTotals plus(AirportTotals other) {
    return new AirportTotals(stats.merge(other.stats), lateRecords + other.lateRecords);
  }
}
