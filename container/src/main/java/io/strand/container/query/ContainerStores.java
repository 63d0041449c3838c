package io.strand.container.query;

import io.strand.context.TaskName;
import io.strand.kv.StoreHandle;
import io.strand.kv.engine.BytesStore;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.StoreUnavailableException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One running container's stores, as queries read them: straight from each store's engine (below
 * the task's object cache, which belongs to the task thread), under a read lock that
 * {@link #close} takes for writing, so no read is running when the container goes on to close its
 * stores, and every read after it fails cleanly instead of touching a closed RocksDB.
 *
 * <p>Threading: reads from any thread; {@link #close} from the container's thread.
 */
final class ContainerStores implements AutoCloseable {

  private final String containerId;
  private final Map<TaskName, Map<String, StoreHandle>> handles;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<Guarded> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ContainerStores(String containerId, Map<TaskName, Map<String, StoreHandle>> handles) {
    this.containerId = containerId;
    this.handles = Map.copyOf(handles);
  }

  String containerId() {
    return containerId;
  }

  Set<TaskName> tasks() {
    return handles.keySet();
  }

  boolean has(TaskName task, String store) {
    return handles.getOrDefault(task, Map.of()).containsKey(store);
  }

  /** Runs one read of a task's store engine under the read lock. */
  <T> T read(TaskName task, String store, Function<BytesStore, T> read) {
    BytesStore engine = engine(task, store);
    lock.readLock().lock();
    try {
      checkOpen(store);
      return read.apply(engine);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A range of a task's store engine; each step runs under the read lock, and {@link #close} closes it. */
  KeyValueIterator<byte[], byte[]> range(TaskName task, String store, byte[] from, byte[] to) {
    BytesStore engine = engine(task, store);
    lock.readLock().lock();
    try {
      checkOpen(store);
      KeyValueIterator<byte[], byte[]> raw = from == null && to == null ? engine.all()
          : engine.range(from == null ? new byte[0] : from, to == null ? maxKey() : to);
      Guarded g = new Guarded(raw, store);
      open.add(g);
      return g;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Waits for reads in progress, then fails every later one and closes the iterators left open. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      for (Guarded g : open) {
        g.inner.close();
      }
      open.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private BytesStore engine(TaskName task, String store) {
    StoreHandle handle = handles.getOrDefault(task, Map.of()).get(store);
    if (handle == null) {
      throw new StoreUnavailableException("container '" + containerId + "' has no store '" + store + "' in task '"
          + task + "'");
    }
    return handle.engine();
  }

  private void checkOpen(String store) {
    if (closed) {
      throw new StoreUnavailableException("store '" + store + "' of container '" + containerId
          + "' is closed (the container stopped or is restarting)");
    }
  }

  /** Above every key a store is likely to hold: 64 bytes of 0xff (used only for an unbounded end with a bounded start). */
  private static byte[] maxKey() {
    byte[] max = new byte[64];
    java.util.Arrays.fill(max, (byte) 0xff);
    return max;
  }

  private final class Guarded implements KeyValueIterator<byte[], byte[]> {
    private final KeyValueIterator<byte[], byte[]> inner;
    private final String store;
    private boolean done;

    Guarded(KeyValueIterator<byte[], byte[]> inner, String store) {
      this.inner = inner;
      this.store = store;
    }

    @Override
    public boolean hasNext() {
      lock.readLock().lock();
      try {
        if (done) {
          return false;
        }
        checkOpen(store);
        return inner.hasNext();
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public Entry<byte[], byte[]> next() {
      lock.readLock().lock();
      try {
        if (done) {
          throw new java.util.NoSuchElementException();
        }
        checkOpen(store);
        return inner.next();
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public void close() {
      lock.readLock().lock();
      try {
        if (!done && !closed) {
          done = true;
          open.remove(this);
          inner.close();
        }
        done = true;
      } finally {
        lock.readLock().unlock();
      }
    }
  }
}
