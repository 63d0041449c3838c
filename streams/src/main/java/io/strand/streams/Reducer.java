package io.strand.streams;

/**
 * Combines two values of a key into one, for {@code reduce}.
 *
 * <p>The value so far may be the very object this reducer returned for the key before (the
 * aggregation keeps it unserialized in its store's object cache until the cache writes it down),
 * or a copy read from the store: do not change a value after returning it.
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
