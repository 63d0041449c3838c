package io.strand.samples.flights;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One row of the airports reference table, as held in the {@code airports} topic (JSON, keyed by
 * IATA code) and the task's {@code airports} store.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param name the airport's name, for example {@code Chicago O'Hare International}
 * @param city its city
 * @param state its two-letter state (or territory) code
 * @param country its country
 * @param lat latitude in decimal degrees
 * @param lon longitude in decimal degrees
 */
public record Airport(String name, String city, String state, String country, double lat, double lon) {

  /** The text used for every field of an airport missing from the table. */
  public static final String UNKNOWN_TEXT = "unknown";

  /** What a code missing from the table is enriched with: never a crash, never a null. */
  public static final Airport UNKNOWN = new Airport(UNKNOWN_TEXT, UNKNOWN_TEXT, UNKNOWN_TEXT, UNKNOWN_TEXT, 0, 0);

  /**
   * Whether this is the {@link #UNKNOWN} placeholder.
   *
   * @return true for the placeholder
   */
  @JsonIgnore
  public boolean isUnknown() {
    return this.equals(UNKNOWN);
  }
}
