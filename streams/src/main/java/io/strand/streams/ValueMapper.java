package io.strand.streams;

/**
 * A function of a record's value, for {@link KStream#mapValues} and {@link KStream#flatMapValues}.
 *
 * @param <V> the value type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ValueMapper<V, R> {

  /**
   * Maps a value.
   *
   * @param value the value
   * @return the result
   */
  R apply(V value);
}
