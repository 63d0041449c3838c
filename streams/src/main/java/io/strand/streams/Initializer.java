package io.strand.streams;

/**
 * The initial aggregate of a key (or window), for {@code aggregate}.
 *
 * @param <A> the aggregate type
 */
@FunctionalInterface
public interface Initializer<A> {

  /**
   * The initial aggregate.
   *
   * @return a new aggregate
   */
  A apply();
}
