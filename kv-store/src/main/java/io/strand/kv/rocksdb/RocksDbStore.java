package io.strand.kv.rocksdb;

import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.FileErrors;
import io.strand.kv.engine.Iterators;
import io.strand.kv.engine.StoreArguments;
import io.strand.kv.engine.StoreException;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.rocksdb.Checkpoint;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB engine: one RocksDB instance per store per task, in a directory the container
 * chooses, with memory charged to the container's {@link RocksDbContainerResources}. Semantics are
 * {@link BytesStore}'s; RocksDB specifics:
 *
 * <ul>
 *   <li>writes go through the write-ahead log; {@link #flush} syncs the log to disk rather than
 *       flushing memtables, so a commit costs one fsync and does not litter small SST files
 *       ({@link RocksDbWrites} owns the write path);</li>
 *   <li>iterators read a consistent snapshot taken when they open (see {@link RocksDbIterator});
 *       the store closes those left open at its close ({@link RocksDbIterators});</li>
 *   <li>bulk load pauses automatic compaction and skips the log; its end flushes, and compacts once
 *       if it left many level-0 files ({@link BulkLoad});</li>
 *   <li>{@link #checkpoint} is RocksDB's Checkpoint: hard links to the immutable SST files plus a
 *       copy of the small mutable ones;</li>
 *   <li>{@code Corruption} from RocksDB, at open or on a read, is a
 *       {@link io.strand.kv.engine.StoreCorruptedException}.</li>
 * </ul>
 *
 * <p>Threading: one task thread for every call but {@link #memtableBytes}, which the resources'
 * gauge reads under the resources' lock; {@link #close} unregisters under that lock first, so the
 * gauge never touches a closed database. Reads ({@code get}, {@code getAll}, {@code range},
 * {@code all}) may also come from other threads while the task writes (RocksDB's reads are
 * thread-safe; an iterator reads its own implicit snapshot): queryable state reads this way, and
 * guarantees no read runs during {@link #close}.
 */
public final class RocksDbStore implements BytesStore {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbStore.class);

  private final String name;
  private final String task;
  private final Path dir;
  private final RocksDbContainerResources resources;
  private final RocksDbOptions options;
  private final RocksDB db;
  private final RocksDbWrites writes;
  private final RocksDbIterators iterators;
  private volatile boolean closed;

  private RocksDbStore(String name, String task, Path dir, RocksDbContainerResources resources,
      RocksDbOptions options, RocksDB db) {
    this.name = name;
    this.task = task;
    this.dir = dir;
    this.resources = resources;
    this.options = options;
    this.db = db;
    this.writes = new RocksDbWrites(name, task, dir, db);
    this.iterators = new RocksDbIterators(this, task, db);
  }

  /**
   * Opens (creating if missing) the store in {@code dir}.
   *
   * @param name the store name
   * @param task the owning task's name, for errors and log lines
   * @param dir the store directory; created if missing
   * @param settings the store's settings
   * @param resources the container's shared memory
   * @return the open store
   * @throws io.strand.kv.engine.StoreCorruptedException if the files in {@code dir} are damaged
   * @throws StoreException if the store cannot be opened for another reason (a lock held by
   *     another process, a permission problem, a TTL database opened without TTL...)
   */
  public static RocksDbStore open(String name, String task, Path dir, RocksDbSettings settings,
      RocksDbContainerResources resources) {
    long start = System.nanoTime();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create directory " + dir + " for store '" + name + "' of task '" + task + "': "
          + FileErrors.reason(e), e);
    }
    resources.beginOpen();
    RocksDbStore store = null;
    try {
      RocksDbOptions options = new RocksDbOptions(settings, resources);
      RocksDB db;
      try {
        db = options.open(dir);
      } catch (RocksDBException e) {
        options.close();
        throw RocksDbFailures.translate(name, task, dir, "open", e);
      } catch (RuntimeException e) {
        options.close();
        throw e;
      }
      store = new RocksDbStore(name, task, dir, resources, options, db);
    } finally {
      resources.endOpen(store);
    }
    LOG.debug("Opened RocksDB store '{}' of task '{}' in {} in {} ms ({})", name, task, dir,
        (System.nanoTime() - start) / 1_000_000, settings);
    return store;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The store's directory.
   *
   * @return the directory given at open
   */
  public Path dir() {
    return dir;
  }

  @Override
  public byte[] get(byte[] key) {
    checkOpen();
    try {
      return db.get(StoreArguments.key(name, key));
    } catch (RocksDBException e) {
      throw failure("get", e);
    }
  }

  @Override
  public Map<byte[], byte[]> getAll(List<byte[]> keys) {
    checkOpen();
    StoreArguments.keys(name, keys, "getAll");
    List<byte[]> values;
    try {
      values = db.multiGetAsList(keys);
    } catch (RocksDBException e) {
      throw failure("getAll", e);
    }
    Map<byte[], byte[]> found = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (values.get(i) != null) {
        found.put(keys.get(i), values.get(i));
      }
    }
    return found;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkOpen();
    writes.put(StoreArguments.key(name, key), value);
  }

  @Override
  public void putAll(List<Entry<byte[], byte[]>> entries) {
    checkOpen();
    writes.write(StoreArguments.entries(name, entries, "putAll"), "putAll");
  }

  @Override
  public void delete(byte[] key) {
    checkOpen();
    writes.delete(StoreArguments.key(name, key));
  }

  @Override
  public void deleteAll(List<byte[]> keys) {
    checkOpen();
    List<Entry<byte[], byte[]>> tombstones = new ArrayList<>(keys == null ? 0 : keys.size());
    for (byte[] key : StoreArguments.keys(name, keys, "deleteAll")) {
      tombstones.add(new Entry<>(key, null));
    }
    writes.write(tombstones, "deleteAll");
  }

  @Override
  public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
    checkOpen();
    StoreArguments.bound(name, from, "from");
    StoreArguments.bound(name, to, "to");
    // RocksDB's bytewise comparator is unsigned, as is this check.
    if (Arrays.compareUnsigned(from, to) >= 0) {
      return Iterators.empty();
    }
    Slice upper = new Slice(to);
    ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper);
    return iterators.open(readOptions, upper, from);
  }

  @Override
  public KeyValueIterator<byte[], byte[]> all() {
    checkOpen();
    return iterators.open(new ReadOptions(), null, null);
  }

  @Override
  public void flush() {
    checkOpen();
    writes.flush();
  }

  @Override
  public void beginBulkLoad() {
    checkOpen();
    writes.beginBulkLoad();
  }

  @Override
  public void endBulkLoad() {
    checkOpen();
    writes.endBulkLoad();
  }

  @Override
  public void putAllRaw(List<Entry<byte[], byte[]>> entries) {
    checkOpen();
    writes.writeRaw(StoreArguments.entries(name, entries, "putAllRaw"));
  }

  @Override
  public void checkpoint(Path target) {
    checkOpen();
    if (Files.exists(target)) {
      throw new StoreException("cannot checkpoint store '" + name + "' of task '" + task + "' into " + target
          + ": it already exists", null);
    }
    long start = System.nanoTime();
    try {
      if (target.toAbsolutePath().getParent() != null) {
        Files.createDirectories(target.toAbsolutePath().getParent());
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the parent of checkpoint " + target + " of store '" + name + "'", e);
    }
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw failure("checkpoint into " + target, e);
    }
    LOG.debug("Checkpointed RocksDB store '{}' of task '{}' into {} in {} ms", name, task, target,
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public OptionalLong approximateKeyCount() {
    checkOpen();
    return OptionalLong.of(longProperty("rocksdb.estimate-num-keys"));
  }

  @Override
  public OptionalLong approximateSizeBytes() {
    checkOpen();
    return OptionalLong.of(longProperty("rocksdb.live-sst-files-size") + longProperty("rocksdb.cur-size-all-mem-tables"));
  }

  /**
   * Active and unflushed memtables, for the container's memory gauge.
   *
   * @return bytes, or 0 if closed or unreadable
   */
  long memtableBytes() {
    if (closed) {
      return 0;
    }
    try {
      return db.getLongProperty("rocksdb.cur-size-all-mem-tables");
    } catch (RocksDBException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    // Unregister first: the resources' gauge holds the same lock while it reads this database.
    resources.unregister(this);
    closed = true;
    iterators.closeAll();
    closeNatives();
    LOG.debug("Closed RocksDB store '{}' of task '{}'", name, task);
  }

  @Override
  public String toString() {
    return "RocksDbStore[" + name + ", task " + task + ", " + dir + "]";
  }

  void forget(RocksDbIterator iterator) {
    iterators.forget(iterator);
  }

  StoreException failure(String doing, RocksDBException e) {
    return RocksDbFailures.translate(name, task, dir, doing, e);
  }

  private long longProperty(String property) {
    try {
      return db.getLongProperty(property);
    } catch (RocksDBException e) {
      throw failure("read property " + property, e);
    }
  }

  private void closeNatives() {
    // Database before the options it was opened with; the shared cache stays with the resources.
    db.close();
    writes.close();
    options.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store '" + name + "' of task '" + task + "' is closed");
    }
  }
}
