package io.strand.kv.engine;

import io.strand.storage.kv.Entry;
import java.util.List;

/**
 * The argument checks every engine and the null-safety layer share, so a null key fails the same
 * way, naming the store, wherever it is caught (the rule is {@link io.strand.storage.kv.KeyValueStore}'s).
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class StoreArguments {

  private StoreArguments() {}

  /**
   * Checks a key.
   *
   * @param store the store name, for the message
   * @param key the key
   * @param <K> the key type
   * @return the key
   * @throws IllegalArgumentException if {@code key} is null
   */
  public static <K> K key(String store, K key) {
    if (key == null) {
      throw new IllegalArgumentException("store '" + store + "' does not accept null keys");
    }
    return key;
  }

  /**
   * Checks a range bound.
   *
   * @param store the store name, for the message
   * @param bound the bound
   * @param which {@code from} or {@code to}
   * @param <K> the key type
   * @return the bound
   * @throws IllegalArgumentException if {@code bound} is null
   */
  public static <K> K bound(String store, K bound, String which) {
    if (bound == null) {
      throw new IllegalArgumentException("store '" + store + "': range(from, to) needs a non-null '"
          + which + "' key; use all() to iterate everything");
    }
    return bound;
  }

  /**
   * Checks a list of keys for {@code getAll} or {@code deleteAll}.
   *
   * @param store the store name, for the message
   * @param keys the keys
   * @param operation the method name, for the message
   * @param <K> the key type
   * @return the list
   * @throws IllegalArgumentException if the list or any key is null
   */
  public static <K> List<K> keys(String store, List<K> keys, String operation) {
    if (keys == null) {
      throw new IllegalArgumentException("store '" + store + "': " + operation + " needs a list of keys, got null");
    }
    for (K key : keys) {
      if (key == null) {
        throw new IllegalArgumentException("store '" + store + "': " + operation + " was given a null key");
      }
    }
    return keys;
  }

  /**
   * Checks a list of entries for {@code putAll} or {@code putAllRaw}; entry keys are never null
   * ({@link Entry} checks that), values may be.
   *
   * @param store the store name, for the message
   * @param entries the entries
   * @param operation the method name, for the message
   * @param <K> the key type
   * @param <V> the value type
   * @return the list
   * @throws IllegalArgumentException if the list or any entry is null
   */
  public static <K, V> List<Entry<K, V>> entries(String store, List<Entry<K, V>> entries, String operation) {
    if (entries == null) {
      throw new IllegalArgumentException("store '" + store + "': " + operation + " needs a list of entries, got null");
    }
    for (Entry<K, V> entry : entries) {
      if (entry == null) {
        throw new IllegalArgumentException("store '" + store + "': " + operation + " was given a null entry");
      }
    }
    return entries;
  }
}
