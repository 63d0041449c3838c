package io.strand.streams;

/**
 * Combines two values of a key into one, for {@code reduce}.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface Reducer<V> {

  /**
   * Combines.
   *
   * @param aggregate the value so far
   * @param value the new value
   * @return the combined value
   */
  V apply(V aggregate, V value);
}
