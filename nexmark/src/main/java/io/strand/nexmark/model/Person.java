package io.strand.nexmark.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A person who registered to sell or bid (Nexmark's {@code Person}; topic {@code nexmark-person},
 * keyed by {@link #id}).
 *
 * @param id the person id (from 1000 up; -1 in an end-of-input marker)
 * @param name first and last name
 * @param emailAddress e-mail address
 * @param creditCard credit card number, four groups of four digits
 * @param city one of the standard ten US cities
 * @param state one of the standard six US states (AZ, CA, ID, OR, WA, WY)
 * @param dateTime when the person registered, ms since the epoch
 * @param extra padding towards the standard average event size
 */
public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
    long dateTime, String extra) implements Event {

  /**
   * The end-of-input marker of the person topic.
   *
   * @param dateTime its event time, ms
   * @return the marker
   */
  public static Person endMarker(long dateTime) {
    return new Person(END_MARKER_ID, "", "", "", "", "", dateTime, END_MARKER_EXTRA);
  }

  @JsonIgnore
  @Override
  public boolean isEndMarker() {
    return id == END_MARKER_ID;
  }
}
