package io.strand.config.view;

import java.util.Objects;
import java.util.Optional;

/**
 * A stream named in configuration as {@code system.stream}, for example {@code kafka.flights}
 * (the configuration form of task-api's {@code SystemStream}, kept here so config does not depend
 * on task-api).
 *
 * <p>As Samza's parsing, the text splits at the first dot: the system name has no dots, the
 * stream name may have them ({@code kafka.metrics.v2} is stream {@code metrics.v2} of system
 * {@code kafka}).
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param system the system name, non-blank and without dots
 * @param stream the stream (for Kafka, topic) name, non-blank
 */
public record StreamName(String system, String stream) {

  /**
   * Checks the components.
   *
   * @param system the system name, non-blank and without dots
   * @param stream the stream name, non-blank
   * @throws IllegalArgumentException if either is blank or the system name has a dot
   * @throws NullPointerException if either is null
   */
  public StreamName {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(stream, "stream");
    if (system.isBlank() || stream.isBlank() || system.indexOf('.') >= 0) {
      throw new IllegalArgumentException("expected system.stream, got system '" + system + "' stream '" + stream + "'");
    }
  }

  /**
   * Parses {@code system.stream}, trimming surrounding whitespace.
   *
   * @param text the text
   * @return the stream name, or empty if the text is not of that form
   */
  public static Optional<StreamName> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    int dot = t.indexOf('.');
    if (dot <= 0 || dot == t.length() - 1) {
      return Optional.empty();
    }
    String system = t.substring(0, dot).trim();
    String stream = t.substring(dot + 1).trim();
    if (system.isEmpty() || stream.isEmpty() || containsWhitespace(t)) {
      return Optional.empty();
    }
    return Optional.of(new StreamName(system, stream));
  }

  /**
   * Parses {@code system.stream}.
   *
   * @param text the text
   * @return the stream name
   * @throws IllegalArgumentException if the text is not of that form
   */
  public static StreamName parse(String text) {
    return tryParse(text).orElseThrow(
        () -> new IllegalArgumentException("expected system.stream, got '" + text + "'"));
  }

  private static boolean containsWhitespace(String text) {
    return text.chars().anyMatch(Character::isWhitespace);
  }

  /** Renders the configuration form, {@code system.stream}. */
  @Override
  public String toString() {
    return system + "." + stream;
  }
}
