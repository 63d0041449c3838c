package io.strand.kv;

import io.strand.container.TaskName;
import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.StoreException;
import io.strand.kv.layers.CachedStore;
import io.strand.storage.kv.KeyValueStore;
import java.util.Objects;

/**
 * One built store instance: the object store the task sees, and the byte-level stack below it
 * that the container and the changelog module drive.
 *
 * <p>The stack, top to bottom: null safety, object cache (batched writes), serialization,
 * {@code loggingLayer} (the changelog module's), metrics, engine. {@link #bytes()} is the top of
 * the byte stack (the logging layer); {@link #engine()} is below it (metrics over the engine), for
 * restore, bulk load and checkpoints, whose writes must not be logged again.
 *
 * <p>Threading: as the store, one task thread; {@link #flush} and {@link #close} are for the
 * container, between messages.
 */
public final class StoreHandle implements AutoCloseable {
  private final String name;
  private final TaskName taskName;
  private final KeyValueStore<Object, Object> store;
  private final BytesStore bytes;
  private final BytesStore engine;
  /** The object cache, or null when the store has none. */
  private final CachedStore cache;
  private boolean closed;

  /**
   * Assembles a handle; factories call it.
   *
   * @param name the store name
   * @param taskName the owning task
   * @param store the object store handed to the task
   * @param bytes the top of the byte stack (the logging layer, or the metered engine)
   * @param engine the metered engine below the logging layer
   */
  public StoreHandle(String name, TaskName taskName, KeyValueStore<Object, Object> store, BytesStore bytes,
      BytesStore engine) {
    this(name, taskName, store, bytes, engine, null);
  }

  /**
   * Assembles a handle whose object store has a cache, which {@link #flushToLog} and
   * {@link #writeLogged} drive.
   *
   * @param name the store name
   * @param taskName the owning task
   * @param store the object store handed to the task
   * @param bytes the top of the byte stack (the logging layer, or the metered engine)
   * @param engine the metered engine below the logging layer
   * @param cache the object cache inside {@code store}, or null when it has none
   */
  public StoreHandle(String name, TaskName taskName, KeyValueStore<Object, Object> store, BytesStore bytes,
      BytesStore engine, CachedStore cache) {
    this.name = Objects.requireNonNull(name, "name");
    this.taskName = Objects.requireNonNull(taskName, "taskName");
    this.store = Objects.requireNonNull(store, "store");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.cache = cache;
  }

  /**
   * The store name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The task that owns the instance.
   *
   * @return the task name
   */
  public TaskName taskName() {
    return taskName;
  }

  /**
   * What {@code TaskContext.getStore(name)} returns.
   *
   * @return the object store
   */
  public KeyValueStore<Object, Object> store() {
    return store;
  }

  /**
   * The top of the byte stack: writes here are logged when the store has a changelog.
   *
   * @return the logging layer, or the metered engine when there is none
   */
  public BytesStore bytes() {
    return bytes;
  }

  /**
   * The metered engine below the logging layer: restore writes here ({@code beginBulkLoad},
   * {@code putAllRaw}, {@code endBulkLoad}), and checkpoints are taken here.
   *
   * @return the engine with its metrics layer
   */
  public BytesStore engine() {
    return engine;
  }

  /**
   * Commit step 1: pushes cached dirty entries through the logging layer (to the changelog
   * producer) and makes them durable in the engine. Call before flushing the producer.
   *
   * @throws StoreException if the engine fails
   */
  public void flush() {
    store.flush();
  }

  /**
   * Writes up to {@code max} of the cache's oldest dirty entries down ahead of a commit
   * ({@link CachedStore#writeAhead}); nothing without a cache.
   *
   * @param max the most entries to write
   * @return the entries written
   */
  public int writeAhead(int max) {
    return cache == null ? 0 : cache.writeAhead(max);
  }

  /**
   * Entries of the cache written but not yet sent down; 0 without a cache.
   *
   * @return the dirty entries
   */
  public int dirtyCount() {
    return cache == null ? 0 : cache.dirtyCount();
  }

  /**
   * Commit step 1 under exactly-once: pushes cached dirty entries through the logging layer to the
   * changelog producer only, and leaves their engine writes to a later {@link #writeLogged} (or
   * {@link #flush}, or the cache's own need: range scans, evictions); the engine is not flushed.
   * The changelog, written inside the commit's transaction, is the durable copy; the engine
   * matters only for reads, which the cache answers for these entries, and local snapshots, which
   * call {@link #writeLogged} first. Without a cache every write already reached both, and this
   * does nothing.
   *
   * @throws RuntimeException what the layers below throw
   */
  public void flushToLog() {
    if (cache != null) {
      cache.flushToLog();
    }
  }

  /**
   * Writes the entries {@link #flushToLog} sent to the changelog into the engine, so it holds
   * every logged write: call before checkpointing {@link #engine()}. Nothing without a cache.
   *
   * @throws StoreException if the engine fails
   */
  public void writeLogged() {
    if (cache != null) {
      cache.writeLogged();
    }
  }

  /**
   * Flushes, then closes the byte stack and the engine. Later calls do nothing. The engine is
   * closed even if the flush fails; the flush failure is then thrown.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      store.flush();
    } finally {
      bytes.close(); // the engine logs the close
    }
  }
}
