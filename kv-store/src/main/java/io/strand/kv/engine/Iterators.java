package io.strand.kv.engine;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.util.NoSuchElementException;

/**
 * Small {@link KeyValueIterator}s the engines and layers share.
 *
 * <p>Threading: stateless; the iterators it makes are stateless too.
 */
public final class Iterators {

  private Iterators() {}

  /**
   * An iterator with no entries, for ranges that are empty by their bounds.
   *
   * @param <K> the key type
   * @param <V> the value type
   * @return an iterator whose {@code hasNext} is false; closing it does nothing
   */
  public static <K, V> KeyValueIterator<K, V> empty() {
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return false;
      }

      @Override
      public Entry<K, V> next() {
        throw new NoSuchElementException("empty range");
      }

      @Override
      public void close() {}
    };
  }
}
