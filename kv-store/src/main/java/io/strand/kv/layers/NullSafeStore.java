package io.strand.kv.layers;

import io.strand.kv.engine.StoreArguments;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.storage.kv.LocalDeletes;
import io.strand.storage.kv.WriteBehind;
import java.util.List;
import java.util.Map;

/**
 * The top layer, which the task sees: enforces {@link KeyValueStore}'s null rules once, for every
 * engine, before anything reaches the cache: a null key, list, entry or range bound is an
 * {@link IllegalArgumentException} naming the store; {@code put(key, null)} becomes
 * {@code delete(key)}. Layers below may then assume non-null keys.
 *
 * <p>Threading: stateless over the store below; one task thread.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class NullSafeStore<K, V> implements KeyValueStore<K, V>, LocalDeletes<K>, WriteBehind<K, V> {
  private final KeyValueStore<K, V> inner;
  private final String name;
  /** The stack's local deletes ({@link LocalDeletes}), or null when it has none. */
  private final LocalDeletes<K> local;
  /** The stack's deferred puts ({@link WriteBehind}), or null when it has none (then they are puts). */
  private final WriteBehind<K, V> behind;

  /**
   * Wraps a store.
   *
   * @param inner the store below
   * @param name the store name, for messages
   */
  public NullSafeStore(KeyValueStore<K, V> inner, String name) {
    this(inner, name, null);
  }

  /**
   * Wraps a store that can delete locally.
   *
   * @param inner the store below
   * @param name the store name, for messages
   * @param local deletes below the changelog, or null when the stack has none (then
   *     {@link #deleteLocally} deletes through it)
   */
  public NullSafeStore(KeyValueStore<K, V> inner, String name, LocalDeletes<K> local) {
    this(inner, name, local, null);
  }

  /**
   * Wraps a store that can delete locally and defer puts.
   *
   * @param inner the store below
   * @param name the store name, for messages
   * @param local deletes below the changelog, or null when the stack has none
   * @param behind deferred puts, or null when the stack has none (then {@link #putBehind} puts)
   */
  public NullSafeStore(KeyValueStore<K, V> inner, String name, LocalDeletes<K> local, WriteBehind<K, V> behind) {
    this.inner = inner;
    this.name = name;
    this.local = local;
    this.behind = behind;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stack without an object cache puts at once.
   */
  @Override
  public void putBehind(K key, V value) {
    StoreArguments.key(name, key);
    if (value == null) {
      throw new IllegalArgumentException("store '" + name + "': putBehind needs a value, got null for a key");
    }
    if (behind == null) {
      inner.put(key, value);
    } else {
      behind.putBehind(key, value);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stack without an object cache defers nothing: false.
   */
  @Override
  public boolean handOverBefore(K from, K to, Runnable handOver) {
    return behind != null && behind.handOverBefore(from, to, handOver);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A stack built without local deletes deletes through its changelog, as {@link #deleteAll}:
   * the keys are gone either way, at the cost of a tombstone each.
   */
  @Override
  public void deleteLocally(List<K> keys) {
    List<K> checked = StoreArguments.keys(name, keys, "deleteLocally");
    if (local == null) {
      inner.deleteAll(checked);
    } else {
      local.deleteLocally(checked);
    }
  }

  @Override
  public V get(K key) {
    return inner.get(StoreArguments.key(name, key));
  }

  @Override
  public Map<K, V> getAll(List<K> keys) {
    return inner.getAll(StoreArguments.keys(name, keys, "getAll"));
  }

  @Override
  public void put(K key, V value) {
    StoreArguments.key(name, key);
    if (value == null) {
      inner.delete(key);
    } else {
      inner.put(key, value);
    }
  }

  @Override
  public void putAll(List<Entry<K, V>> entries) {
    inner.putAll(StoreArguments.entries(name, entries, "putAll"));
  }

  @Override
  public void delete(K key) {
    inner.delete(StoreArguments.key(name, key));
  }

  @Override
  public void deleteAll(List<K> keys) {
    inner.deleteAll(StoreArguments.keys(name, keys, "deleteAll"));
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    return inner.range(StoreArguments.bound(name, from, "from"), StoreArguments.bound(name, to, "to"));
  }

  @Override
  public KeyValueIterator<K, V> all() {
    return inner.all();
  }

  @Override
  public void flush() {
    inner.flush();
  }
}
