package io.strand.samples.flights;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One scheduled flight, as read from a line of the flights CSV.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param departure scheduled departure, in the origin airport's local time, to the minute
 * @param delayMinutes departure delay in minutes; negative means the flight left early
 * @param distanceMiles flight distance in statute miles
 * @param origin IATA code of the departure airport, for example {@code ORD}
 * @param destination IATA code of the arrival airport
 */
public record Flight(LocalDateTime departure, int delayMinutes, int distanceMiles, String origin, String destination) {

  /** Delays at or above this many minutes count as "delayed", the BTS on-time threshold. */
  public static final int DELAYED_THRESHOLD_MINUTES = 15;

  /**
   * Checks the parts.
   *
   * @throws NullPointerException if a text or time part is null
   */
  public Flight {
    Objects.requireNonNull(departure, "departure");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(destination, "destination");
  }

  /**
   * Whether the flight counts as delayed.
   *
   * @return true when the delay is at least {@value #DELAYED_THRESHOLD_MINUTES} minutes
   */
  public boolean isDelayed() {
    return delayMinutes >= DELAYED_THRESHOLD_MINUTES;
  }
}
