package io.strand.system;

/**
 * A named stream within a named system, for example topic {@code flights} of the system
 * {@code kafka}: the unit that {@code task.inputs} lists and that output envelopes are sent to.
 * Written {@code system.stream}, as in Samza's configuration.
 *
 * <p>The system name cannot contain a dot, because the written form is split at the first dot;
 * the stream name may (Kafka topic names often do). Immutable and thread-safe.
 *
 * @param system the system name as configured under {@code systems.<system>.*}; not blank, no dot
 * @param stream the stream name (for Kafka, the topic); not blank
 */
public record SystemStream(String system, String stream) implements Comparable<SystemStream> {

  /**
   * Checks both names.
   *
   * @param system the system name as configured under {@code systems.<system>.*}; not blank, no dot
   * @param stream the stream name (for Kafka, the topic); not blank
   * @throws IllegalArgumentException if either name is null or blank, or the system name holds a dot
   */
  public SystemStream {
    if (system == null || system.isBlank()) {
      throw new IllegalArgumentException("a system stream needs a system name, got " + quote(system));
    }
    if (system.indexOf('.') >= 0) {
      throw new IllegalArgumentException("system name " + quote(system)
          + " must not contain '.': the written form 'system.stream' is split at the first dot");
    }
    if (stream == null || stream.isBlank()) {
      throw new IllegalArgumentException("system stream of system " + quote(system)
          + " needs a stream name, got " + quote(stream));
    }
  }

  /**
   * Parses the written form {@code system.stream}, splitting at the first dot, so
   * {@code kafka.flights.v2} is stream {@code flights.v2} of system {@code kafka}.
   *
   * @param text the written form, as found in {@code task.inputs}; surrounding blanks are ignored
   * @return the system stream
   * @throws IllegalArgumentException if {@code text} is null, has no dot, or has nothing before or after it
   */
  public static SystemStream parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("cannot parse a system stream from null; expected 'system.stream'");
    }
    String trimmed = text.trim();
    int dot = trimmed.indexOf('.');
    if (dot <= 0 || dot == trimmed.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not a system stream; expected 'system.stream',"
          + " for example 'kafka.flights'");
    }
    return new SystemStream(trimmed.substring(0, dot), trimmed.substring(dot + 1));
  }

  /**
   * The system name, under Samza's accessor name.
   *
   * @return the system name
   */
  public String getSystem() {
    return system;
  }

  /**
   * The stream name, under Samza's accessor name.
   *
   * @return the stream name
   */
  public String getStream() {
    return stream;
  }

  /**
   * Equal when both names are. Written out rather than left to the record's generated method,
   * which dispatches through a method-handle chain: output sends compare streams once per
   * record, and before the JIT has inlined that chain it showed as ~4 % of the run-loop thread
   * (the enrichment benchmark's profile, session 11).
   *
   * @param o another object
   * @return whether it is a system stream of the same system and stream names
   */
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof SystemStream s && system.equals(s.system) && stream.equals(s.stream);
  }

  /** @return a hash of both names, as the record's own would be */
  @Override
  public int hashCode() {
    return 31 * system.hashCode() + stream.hashCode();
  }

  /** Orders by system name, then stream name. */
  @Override
  public int compareTo(SystemStream other) {
    int bySystem = system.compareTo(other.system);
    return bySystem != 0 ? bySystem : stream.compareTo(other.stream);
  }

  /**
   * The written form {@code system.stream}, which {@link #parse(String)} reads back.
   *
   * @return {@code system + "." + stream}
   */
  @Override
  public String toString() {
    return system + "." + stream;
  }

  static String quote(String s) {
    return s == null ? "null" : "'" + s + "'";
  }
}
