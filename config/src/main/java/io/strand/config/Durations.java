package io.strand.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses the duration forms {@link Config#getDurationMs} accepts.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class Durations {

  private Durations() {}

  /**
   * Parses a duration in the forms {@link Config#getDurationMs} accepts.
   *
   * @param text the text, trimmed
   * @return the duration in ms, or null when the text is not a duration
   */
  static Long parseMs(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")) {
      try {
        return Duration.parse(text).toMillis();
      } catch (DateTimeParseException | ArithmeticException e) {
        return null;
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
    for (String[] unit : units) {
      if (lower.endsWith(unit[0])) {
        String number = lower.substring(0, lower.length() - unit[0].length()).trim();
        try {
          return Math.multiplyExact(Long.parseLong(number), Long.parseLong(unit[1]));
        } catch (NumberFormatException | ArithmeticException e) {
          // "5ms" also ends with "s": fall through to the next unit only when this one fails
          continue;
        }
      }
    }
    try {
      return Long.parseLong(lower);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
