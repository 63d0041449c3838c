package io.strand.samples.flights;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * Reads and writes one line of the flights CSV: {@code date,delay,distance,origin,destination},
 * for example {@code 2001-01-01 08:05,12,733,ORD,ATL}, where {@code date} is
 * {@code yyyy-MM-dd HH:mm} in the origin's local time.
 *
 * <p>Parsing is strict on purpose: a line that is not exactly a flight is rejected, so that it can
 * be sent to the dead-letter stream instead of skewing the statistics.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class FlightCsv {

  /** The header line of the data file. */
  public static final String HEADER = "date,delay,distance,origin,destination";

  private static final int FIELDS = 5;
  private static final int DATE_LENGTH = 16; // yyyy-MM-dd HH:mm

  private FlightCsv() {
  }

  /**
   * Parses one line.
   *
   * @param line the line, without its line terminator
   * @return the flight
   * @throws MalformedFlightException naming what is wrong, if the line is not a flight
   */
  public static Flight parse(String line) {
    if (line == null) {
      throw new MalformedFlightException("no line");
    }
    String[] f = split(line);
    if (f == null) {
      throw new MalformedFlightException("expected " + FIELDS + " comma-separated fields in '" + abbreviate(line) + "'");
    }
    LocalDateTime departure = parseDate(f[0], line);
    int delay = parseInt(f[1], "delay", line);
    int distance = parseInt(f[2], "distance", line);
    if (distance < 0) {
      throw new MalformedFlightException("distance cannot be negative in '" + abbreviate(line) + "'");
    }
    String origin = parseCode(f[3], "origin", line);
    String destination = parseCode(f[4], "destination", line);
    return new Flight(departure, delay, distance, origin, destination);
  }

  /**
   * Writes a flight as a line, the inverse of {@link #parse}.
   *
   * @param flight the flight
   * @return the line, without a line terminator
   */
  public static String format(Flight flight) {
    LocalDateTime d = flight.departure();
    return String.format("%04d-%02d-%02d %02d:%02d,%d,%d,%s,%s", d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
        d.getHour(), d.getMinute(), flight.delayMinutes(), flight.distanceMiles(), flight.origin(),
        flight.destination());
  }

  /**
   * The origin field of a line, parseable or not: the loader keys every record by it so that a
   * malformed line lands in the same partition (and task) as its airport's good lines.
   *
   * @param line the line
   * @return the fourth field, trimmed, or null when the line has fewer fields or it is blank
   */
  public static String originField(String line) {
    if (line == null) {
      return null;
    }
    String[] parts = line.split(",", -1);
    if (parts.length < 4 || parts[3].isBlank()) {
      return null;
    }
    return parts[3].trim();
  }

  private static String[] split(String line) {
    String[] parts = new String[FIELDS];
    int start = 0;
    for (int i = 0; i < FIELDS - 1; i++) {
      int comma = line.indexOf(',', start);
      if (comma < 0) {
        return null;
      }
      parts[i] = line.substring(start, comma);
      start = comma + 1;
    }
    if (line.indexOf(',', start) >= 0) {
      return null;
    }
    parts[FIELDS - 1] = line.substring(start);
    return parts;
  }

  private static LocalDateTime parseDate(String text, String line) {
    if (text.length() != DATE_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
        || text.charAt(13) != ':') {
      throw new MalformedFlightException("date '" + text + "' is not yyyy-MM-dd HH:mm in '" + abbreviate(line) + "'");
    }
    try {
      return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
          digits(text, 14, 16));
    } catch (DateTimeException | NumberFormatException e) {
      throw new MalformedFlightException("date '" + text + "' is not a valid time in '" + abbreviate(line) + "'");
    }
  }

  // Integer.parseInt accepts a leading sign, which a date field must not have.
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int parseInt(String text, String what, String line) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new MalformedFlightException(what + " '" + text + "' is not a whole number in '" + abbreviate(line) + "'");
    }
  }

  private static String parseCode(String text, String what, String line) {
    if (text.isEmpty() || text.length() > 4) {
      throw new MalformedFlightException(what + " '" + text + "' is not an airport code in '" + abbreviate(line) + "'");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
        throw new MalformedFlightException(what + " '" + text + "' is not an airport code in '" + abbreviate(line) + "'");
      }
    }
    return text;
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
