package io.strand.samples.flights;

/** Thrown by {@link FlightCsv#parse} for a line that is not a flight; the message says why. */
public final class MalformedFlightException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what is wrong with the line, quoting it
   */
  public MalformedFlightException(String message) {
    super(message);
  }
}
