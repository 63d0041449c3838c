package io.strand.samples.support;

import io.strand.serializers.Serde;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store for unit tests: string keys in sorted order (the same order as their UTF-8 bytes for the
 * ASCII keys the samples use), values kept as bytes through the job's real serde, so a value that
 * does not round-trip fails here as it would in RocksDB.
 */
public final class SerdeMapStore<V> implements KeyValueStore<String, V> {
  private final TreeMap<String, byte[]> data = new TreeMap<>();
  private final Serde<V> serde;
  public int puts;

  public SerdeMapStore(Serde<V> serde) {
    this.serde = serde;
  }

  @Override
  public V get(String key) {
    requireKey(key);
    byte[] bytes = data.get(key);
    return bytes == null ? null : serde.fromBytes(bytes);
  }

  @Override
  public void put(String key, V value) {
    requireKey(key);
    puts++;
    if (value == null) {
      data.remove(key);
    } else {
      data.put(key, serde.toBytes(value));
    }
  }

  @Override
  public void delete(String key) {
    requireKey(key);
    data.remove(key);
  }

  @Override
  public KeyValueIterator<String, V> range(String from, String to) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("null bound");
    }
    return iterator(from.compareTo(to) >= 0 ? Map.of() : data.subMap(from, to));
  }

  @Override
  public KeyValueIterator<String, V> all() {
    return iterator(data);
  }

  @Override
  public void flush() {
  }

  public int size() {
    return data.size();
  }

  private KeyValueIterator<String, V> iterator(Map<String, byte[]> view) {
    List<Entry<String, V>> copy = new ArrayList<>();
    view.forEach((k, v) -> copy.add(new Entry<>(k, serde.fromBytes(v))));
    Iterator<Entry<String, V>> it = copy.iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Entry<String, V> next() {
        return it.next();
      }

      @Override
      public void close() {
      }
    };
  }

  private static void requireKey(String key) {
    if (key == null) {
      throw new IllegalArgumentException("null key");
    }
  }
}
