package io.strand.kv.inmemory;

import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.Iterators;
import io.strand.kv.engine.StoreArguments;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory engine: a sorted map of byte arrays on the JVM heap, with the same semantics as
 * the RocksDB engine (see {@link BytesStore}), for small or rebuildable state and for tests. Its
 * content does not survive the process; with a changelog it is restored at every start.
 *
 * <p>Keys sort as unsigned bytes, as in RocksDB. The map is a {@link ConcurrentSkipListMap} not
 * for concurrency but for its weakly consistent iterators: the task may write while iterating and
 * never gets a {@code ConcurrentModificationException}; the iterator may or may not see the write.
 * Arrays are copied in and out, so nothing outside can change stored bytes.
 *
 * <p>Bulk load has nothing to tune and only tracks the mode; {@link #flush} does nothing (there is
 * no disk); {@link #checkpoint} throws {@link UnsupportedOperationException}.
 *
 * <p>Threading: one task thread for writes; the size estimates may be read from any thread.
 */
public final class InMemoryStore implements BytesStore {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryStore.class);

  private final String name;
  private final String task;
  private final NavigableMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  // Maintained on every write, because ConcurrentSkipListMap.size() walks the whole map.
  private volatile long keyCount;
  private volatile long dataBytes;
  private boolean bulkLoading;
  private boolean closed;

  /**
   * Creates an empty store.
   *
   * @param name the store name
   * @param task the owning task's name, for log lines
   */
  public InMemoryStore(String name, String task) {
    this.name = name;
    this.task = task;
    LOG.debug("Opened in-memory store '{}' of task '{}'", name, task);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte[] get(byte[] key) {
    checkOpen();
    return copy(map.get(StoreArguments.key(name, key)));
  }

  @Override
  public Map<byte[], byte[]> getAll(List<byte[]> keys) {
    checkOpen();
    Map<byte[], byte[]> found = new HashMap<>();
    for (byte[] key : StoreArguments.keys(name, keys, "getAll")) {
      byte[] value = map.get(key);
      if (value != null) {
        found.put(key, value.clone());
      }
    }
    return found;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkOpen();
    write(StoreArguments.key(name, key), value);
  }

  @Override
  public void putAll(List<Entry<byte[], byte[]>> entries) {
    checkOpen();
    for (Entry<byte[], byte[]> e : StoreArguments.entries(name, entries, "putAll")) {
      write(e.key(), e.value());
    }
  }

  @Override
  public void delete(byte[] key) {
    checkOpen();
    write(StoreArguments.key(name, key), null);
  }

  @Override
  public void deleteAll(List<byte[]> keys) {
    checkOpen();
    for (byte[] key : StoreArguments.keys(name, keys, "deleteAll")) {
      write(key, null);
    }
  }

  @Override
  public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
    checkOpen();
    StoreArguments.bound(name, from, "from");
    StoreArguments.bound(name, to, "to");
    if (Arrays.compareUnsigned(from, to) >= 0) {
      return Iterators.empty();
    }
    return new Copying(map.subMap(from, true, to, false).entrySet().iterator());
  }

  @Override
  public KeyValueIterator<byte[], byte[]> all() {
    checkOpen();
    return new Copying(map.entrySet().iterator());
  }

  @Override
  public void flush() {
    checkOpen();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    map.clear();
    LOG.debug("Closed in-memory store '{}' of task '{}'", name, task);
  }

  @Override
  public void beginBulkLoad() {
    checkOpen();
    if (bulkLoading) {
      throw new IllegalStateException("store '" + name + "' is already in bulk-load mode");
    }
    bulkLoading = true;
  }

  @Override
  public void endBulkLoad() {
    checkOpen();
    if (!bulkLoading) {
      throw new IllegalStateException("store '" + name + "' is not in bulk-load mode");
    }
    bulkLoading = false;
  }

  @Override
  public void putAllRaw(List<Entry<byte[], byte[]>> entries) {
    putAll(entries);
  }

  /**
   * Not supported: the in-memory engine has no files to snapshot; under exactly-once it is
   * restored from its changelog instead of rolled back.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void checkpoint(Path target) {
    throw new UnsupportedOperationException("store '" + name + "' is in memory and cannot be checkpointed to "
        + target + "; restore it from its changelog instead");
  }

  @Override
  public OptionalLong approximateKeyCount() {
    return OptionalLong.of(keyCount);
  }

  @Override
  public OptionalLong approximateSizeBytes() {
    return OptionalLong.of(dataBytes);
  }

  private void write(byte[] key, byte[] value) {
    byte[] previous;
    if (value == null) {
      previous = map.remove(key);
      if (previous != null) {
        keyCount--;
        dataBytes -= key.length + previous.length;
      }
      return;
    }
    byte[] k = key.clone();
    previous = map.put(k, value.clone());
    if (previous == null) {
      keyCount++;
      dataBytes += k.length + value.length;
    } else {
      dataBytes += value.length - previous.length;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store '" + name + "' of task '" + task + "' is closed");
    }
  }

  private static byte[] copy(byte[] bytes) {
    return bytes == null ? null : bytes.clone();
  }

  /** Copies each entry out; weakly consistent, so writes during iteration are safe. */
  private static final class Copying implements KeyValueIterator<byte[], byte[]> {
    private final Iterator<Map.Entry<byte[], byte[]>> inner;

    Copying(Iterator<Map.Entry<byte[], byte[]>> inner) {
      this.inner = inner;
    }

    @Override
    public boolean hasNext() {
      return inner.hasNext();
    }

    @Override
    public Entry<byte[], byte[]> next() {
      Map.Entry<byte[], byte[]> e = inner.next();
      return new Entry<>(e.getKey().clone(), e.getValue().clone());
    }

    @Override
    public void close() {
      // Nothing to release: the iterator holds no resources beyond heap references.
    }
  }
}
