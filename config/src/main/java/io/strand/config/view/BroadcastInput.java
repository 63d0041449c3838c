package io.strand.config.view;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code task.broadcast.inputs}: partitions of a stream that every task reads, in
 * Samza's forms {@code system.stream#3} (one partition) or {@code system.stream#[0-3]} (an
 * inclusive range).
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param stream the stream
 * @param firstPartition the first partition, at least 0
 * @param lastPartition the last partition, inclusive, at least {@code firstPartition}
 */
public record BroadcastInput(StreamName stream, int firstPartition, int lastPartition) {

  private static final Pattern FORM = Pattern.compile("(.+)#(?:(\\d+)|\\[(\\d+)-(\\d+)\\])");

  /**
   * Checks the components.
   *
   * @param stream the stream
   * @param firstPartition the first partition, at least 0
   * @param lastPartition the last partition, inclusive, at least {@code firstPartition}
   * @throws IllegalArgumentException if the partition range is empty or negative
   * @throws NullPointerException if {@code stream} is null
   */
  public BroadcastInput {
    Objects.requireNonNull(stream, "stream");
    if (firstPartition < 0 || lastPartition < firstPartition) {
      throw new IllegalArgumentException("expected partitions 0 <= first <= last, got " + firstPartition + "-" + lastPartition);
    }
  }

  /**
   * Parses {@code system.stream#n} or {@code system.stream#[a-b]}.
   *
   * @param text the text, surrounding whitespace ignored
   * @return the input, or empty if the text is not of either form or the range is empty
   */
  public static Optional<BroadcastInput> tryParse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<StreamName> stream = StreamName.tryParse(m.group(1));
    if (stream.isEmpty()) {
      return Optional.empty();
    }
    try {
      int first = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
      int last = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
      if (last < first) {
        return Optional.empty();
      }
      return Optional.of(new BroadcastInput(stream.get(), first, last));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than an int holds
    }
  }

  /** Renders the configuration form: {@code system.stream#n} or {@code system.stream#[a-b]}. */
  @Override
  public String toString() {
    return firstPartition == lastPartition
        ? stream + "#" + firstPartition
        : stream + "#[" + firstPartition + "-" + lastPartition + "]";
  }
}
