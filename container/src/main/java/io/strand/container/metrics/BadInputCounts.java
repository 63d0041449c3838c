package io.strand.container.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Undeserializable input messages skipped and dead-lettered, per input stream: the values of the
 * {@value MeterNames#CONTAINER_SKIPPED} and {@value MeterNames#CONTAINER_DEAD_LETTERED} counters of
 * one container, or summed over a job's.
 *
 * <p>Threading: an immutable value.
 *
 * @param skipped per input stream ({@code system.stream}, the meters' {@code stream} tag) with at
 *     least one, in records, sorted by stream
 * @param deadLettered the same for messages whose send to the dead-letter stream was acknowledged
 */
public record BadInputCounts(Map<String, Long> skipped, Map<String, Long> deadLettered) {

  /** Nothing skipped or dead-lettered. */
  public static final BadInputCounts NONE = new BadInputCounts(Map.of(), Map.of());

  /** Drops zero counts and sorts by stream. */
  public BadInputCounts {
    skipped = positive(Objects.requireNonNull(skipped, "skipped"));
    deadLettered = positive(Objects.requireNonNull(deadLettered, "deadLettered"));
  }

  /**
   * Whether any message was skipped or dead-lettered.
   *
   * @return true if a count is above 0
   */
  public boolean any() {
    return !skipped.isEmpty() || !deadLettered.isEmpty();
  }

  /**
   * The counts of two containers together, stream by stream.
   *
   * @param other the other counts
   * @return the sums
   */
  public BadInputCounts plus(BadInputCounts other) {
    Map<String, Long> s = new TreeMap<>(skipped);
    other.skipped.forEach((k, v) -> s.merge(k, v, Long::sum));
    Map<String, Long> d = new TreeMap<>(deadLettered);
    other.deadLettered.forEach((k, v) -> d.merge(k, v, Long::sum));
    return new BadInputCounts(s, d);
  }

  private static Map<String, Long> positive(Map<String, Long> counts) {
    Map<String, Long> m = new TreeMap<>();
    counts.forEach((k, v) -> {
      if (v > 0) {
        m.put(k, v);
      }
    });
    return Collections.unmodifiableMap(m);
  }
}
