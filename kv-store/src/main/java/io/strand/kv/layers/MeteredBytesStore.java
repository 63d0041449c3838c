package io.strand.kv.layers;

import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.ForwardingBytesStore;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.util.List;
import java.util.Map;

/**
 * Counts what reaches the engine (see {@link StoreMetrics} for the names): it sits directly on the
 * engine, below the object cache and the logging layer, so its numbers are engine operations, not
 * task calls (cache hits are counted by {@link CachedStore}). Removes its meters on close.
 *
 * <p>Threading: as the store it wraps, one task thread.
 */
public final class MeteredBytesStore extends ForwardingBytesStore {
  private final StoreMetrics metrics;

  /**
   * Wraps an engine.
   *
   * @param engine the engine
   * @param metrics the store's meters
   */
  public MeteredBytesStore(BytesStore engine, StoreMetrics metrics) {
    super(engine);
    this.metrics = metrics;
  }

  @Override
  public byte[] get(byte[] key) {
    byte[] value = delegate.get(key);
    metrics.gets.increment();
    if (value != null) {
      metrics.bytesRead.add(key.length + value.length);
    }
    return value;
  }

  @Override
  public Map<byte[], byte[]> getAll(List<byte[]> keys) {
    Map<byte[], byte[]> found = delegate.getAll(keys);
    metrics.gets.add(keys.size());
    long bytes = 0;
    for (Map.Entry<byte[], byte[]> e : found.entrySet()) {
      bytes += e.getKey().length + e.getValue().length;
    }
    metrics.bytesRead.add(bytes);
    return found;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    delegate.put(key, value);
    countWrite(key, value);
  }

  @Override
  public void putAll(List<Entry<byte[], byte[]>> entries) {
    delegate.putAll(entries);
    for (Entry<byte[], byte[]> e : entries) {
      countWrite(e.key(), e.value());
    }
  }

  @Override
  public void delete(byte[] key) {
    delegate.delete(key);
    countWrite(key, null);
  }

  @Override
  public void deleteAll(List<byte[]> keys) {
    delegate.deleteAll(keys);
    for (byte[] key : keys) {
      countWrite(key, null);
    }
  }

  @Override
  public void putAllRaw(List<Entry<byte[], byte[]>> entries) {
    delegate.putAllRaw(entries);
    metrics.restoredRecords.add(entries.size());
    long bytes = 0;
    for (Entry<byte[], byte[]> e : entries) {
      bytes += e.key().length + (e.value() == null ? 0 : e.value().length);
    }
    metrics.bytesWritten.add(bytes);
  }

  @Override
  public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
    metrics.rangeScans.increment();
    return new CountingIterator(delegate.range(from, to));
  }

  @Override
  public KeyValueIterator<byte[], byte[]> all() {
    metrics.rangeScans.increment();
    return new CountingIterator(delegate.all());
  }

  @Override
  public void flush() {
    metrics.flush.record(delegate::flush);
  }

  @Override
  public void close() {
    try {
      delegate.close();
    } finally {
      metrics.remove();
    }
  }

  private void countWrite(byte[] key, byte[] value) {
    if (value == null) {
      metrics.deletes.increment();
      metrics.bytesWritten.add(key.length);
    } else {
      metrics.puts.increment();
      metrics.bytesWritten.add(key.length + value.length);
    }
  }

  /** Adds the bytes of each entry read to {@code bytes.read}. */
  private final class CountingIterator implements KeyValueIterator<byte[], byte[]> {
    private final KeyValueIterator<byte[], byte[]> inner;

    CountingIterator(KeyValueIterator<byte[], byte[]> inner) {
      this.inner = inner;
    }

    @Override
    public boolean hasNext() {
      return inner.hasNext();
    }

    @Override
    public Entry<byte[], byte[]> next() {
      Entry<byte[], byte[]> e = inner.next();
      metrics.bytesRead.add(e.key().length + e.value().length);
      return e;
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
