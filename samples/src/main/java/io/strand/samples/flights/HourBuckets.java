package io.strand.samples.flights;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Event-time arithmetic for the hourly windows.
 *
 * <p>Event time is the scheduled departure as written in the data, in the origin's local time. It
 * is turned into epoch milliseconds as if it were UTC: all that matters here is a consistent,
 * ordered clock, and the data file is itself ordered by this local time. Hours are therefore
 * local-time hours ({@code 2001-01-01 08} means 08:00 to 09:00 at the origin).
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class HourBuckets {

  /** One hour, in ms. */
  public static final long HOUR_MS = 3_600_000L;

  private HourBuckets() {
  }

  /**
   * The event time of a departure.
   *
   * @param departure local departure time
   * @return ms since the epoch, reading the local time as UTC
   */
  public static long eventTimeMs(LocalDateTime departure) {
    return departure.toEpochSecond(ZoneOffset.UTC) * 1000L;
  }

  /**
   * The start of the hour holding an event time.
   *
   * @param eventTimeMs ms since the epoch
   * @return the hour's start, in ms since the epoch
   */
  public static long hourStartMs(long eventTimeMs) {
    return Math.floorDiv(eventTimeMs, HOUR_MS) * HOUR_MS;
  }

  /**
   * The hour of a departure.
   *
   * @param departure local departure time
   * @return the time truncated to the hour
   */
  public static LocalDateTime hourOf(LocalDateTime departure) {
    return departure.truncatedTo(ChronoUnit.HOURS);
  }

  /**
   * The hour's label, as in output keys: {@code 2001-01-01 08}. Labels sort in time order.
   *
   * @param hour an hour (minutes are ignored) of a year from 0 to 9999
   * @return {@code yyyy-MM-dd HH}
   */
  public static String label(LocalDateTime hour) {
    // Appended by hand: String.format parses its pattern on every call, and the task labels every
    // flight's hour (a profile of the flights job put a fifth of its thread's time there).
    StringBuilder b = new StringBuilder(13);
    zeroPadded(b, hour.getYear(), 4).append('-');
    zeroPadded(b, hour.getMonthValue(), 2).append('-');
    zeroPadded(b, hour.getDayOfMonth(), 2).append(' ');
    return zeroPadded(b, hour.getHour(), 2).toString();
  }

  /** Appends a non-negative number with leading zeros up to {@code width} digits, as {@code %0<width>d}. */
  private static StringBuilder zeroPadded(StringBuilder b, int value, int width) {
    for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
      if (value < limit) {
        b.append('0');
      }
    }
    return b.append(value);
  }

  /**
   * The label of the hour starting at an epoch time.
   *
   * @param hourStartMs ms since the epoch
   * @return {@code yyyy-MM-dd HH}
   */
  public static String label(long hourStartMs) {
    return label(LocalDateTime.ofEpochSecond(Math.floorDiv(hourStartMs, 1000L), 0, ZoneOffset.UTC));
  }

  /**
   * The key of one airport-hour in {@code airport-hourly-delays}: {@code ORD|2001-01-01 08}.
   *
   * @param airport IATA code
   * @param hourLabel the hour's {@link #label}
   * @return the key
   */
  public static String outputKey(String airport, String hourLabel) {
    return airport + "|" + hourLabel;
  }
}
