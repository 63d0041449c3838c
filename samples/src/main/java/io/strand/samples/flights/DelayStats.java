package io.strand.samples.flights;

/**
 * Departure-delay statistics over a set of flights: the value of an airport's running totals and
 * of one airport-hour window. Merging is associative and commutative, so partial results combine
 * in any order.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param flights number of flights
 * @param totalDelayMinutes sum of departure delays, in minutes (early departures count negative)
 * @param delayedFlights flights delayed by at least {@value Flight#DELAYED_THRESHOLD_MINUTES} minutes
 * @param maxDelayMinutes the largest delay, in minutes; {@link Integer#MIN_VALUE} when there are no flights
 */
public record DelayStats(long flights, long totalDelayMinutes, long delayedFlights, int maxDelayMinutes) {

  /** No flights. */
  public static final DelayStats EMPTY = new DelayStats(0, 0, 0, Integer.MIN_VALUE);

  /**
   * Adds one flight.
   *
   * @param delayMinutes its departure delay, in minutes
   * @return the new statistics
   */
  public DelayStats plus(int delayMinutes) {
    return new DelayStats(flights + 1, totalDelayMinutes + delayMinutes,
        delayedFlights + (delayMinutes >= Flight.DELAYED_THRESHOLD_MINUTES ? 1 : 0),
        Math.max(maxDelayMinutes, delayMinutes));
  }

  /**
   * Combines two sets of flights.
   *
   * @param other the other statistics
   * @return statistics of both together
   */
  public DelayStats merge(DelayStats other) {
    return new DelayStats(flights + other.flights, totalDelayMinutes + other.totalDelayMinutes,
        delayedFlights + other.delayedFlights, Math.max(maxDelayMinutes, other.maxDelayMinutes));
  }

  /**
   * The mean departure delay.
   *
   * @return minutes, or 0 when there are no flights
   */
  public double meanDelayMinutes() {
    return flights == 0 ? 0.0 : (double) totalDelayMinutes / flights;
  }
}
