package io.strand.kv.layers;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.function.Function;

/**
 * The object cache's range scans ({@link CachedStore#range}): what must reach the layers below
 * before a scan of {@code [from, to)} reads them, and the merge of the dirty entries that stay
 * cached.
 *
 * <p>Before the scan: the owner's held puts of the range are handed over and every deferred put
 * that may lie in it goes down ({@link BehindEntries#beforeScan}); every logged entry goes to the
 * engine (the scan reads the engine, which must hold what the changelog has). The dirty entries of
 * the range as they are now are merged into the scan below (their values win over below's; a
 * deleted key is left out) and stay dirty, going down with the next full batch: a task that scans
 * the hour it closes and then deletes it (the flights sample, every hour) would otherwise
 * serialize, log and store every window only to read it back and delete it, and a task that scans
 * on every record (a stream-stream join probing the other side's buffer past its memory bound)
 * would write down in small batches. The range's dirty entries are found by key
 * ({@link DirtyIndex}), so a scan's cost does not grow with the dirty entries outside its range.
 *
 * <p>Deletions of keys that may be below are written down first instead, ahead of the other dirty
 * entries (each key's own order is kept: a deletion is its latest write): merged, the scan below
 * would read and deserialize each such key only to drop it, at every scan until the next
 * write-down (the flights sample's hourly windows written down at a commit and closed after it
 * were read back by every hourly scan of the next five seconds, a ninth of the task thread).
 *
 * <p>Each bound is serialized at most once per scan, and only when a part needs its bytes (an
 * owner's held puts or deferred puts to check, or dirty entries to merge).
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class CacheScan {
  private final KeyValueStore<Object, Object> below;
  private final Function<Object, byte[]> keyBytes;
  private final DirtyEntries dirty;
  /** The cache's deferred engine writes, or null when the layer below does not split writes. */
  private final LoggedEntries logged;
  private final BehindEntries behind;

  /**
   * @param below the layer below the cache
   * @param keyBytes the key serde's view of a key, as the engine orders it
   * @param dirty the cache's dirty entries
   * @param logged the cache's deferred engine writes, or null
   * @param behind the cache's deferred puts
   */
  CacheScan(KeyValueStore<Object, Object> below, Function<Object, byte[]> keyBytes, DirtyEntries dirty,
      LoggedEntries logged, BehindEntries behind) {
    this.below = below;
    this.keyBytes = keyBytes;
    this.dirty = dirty;
    this.logged = logged;
    this.behind = behind;
  }

  /**
   * @param from the first key
   * @param to the key after the last
   * @return the scan, merged with the range's dirty entries; the caller closes it
   * @throws RuntimeException what the layers below throw
   */
  KeyValueIterator<Object, Object> range(Object from, Object to) {
    byte[] fromBytes = null;
    byte[] toBytes = null;
    if (behind.watchesScans()) {
      fromBytes = keyBytes.apply(from);
      toBytes = keyBytes.apply(to);
      behind.beforeScan(fromBytes, toBytes);
    }
    if (logged != null) {
      logged.writeToEngine();
    }
    if (dirty.isEmpty()) {
      return below.range(from, to);
    }
    if (fromBytes == null) {
      fromBytes = keyBytes.apply(from);
      toBytes = keyBytes.apply(to);
    }
    DirtyIndex.InRange pending = dirty.between(fromBytes, toBytes);
    if (!pending.deletesBelow().isEmpty()) {
      dirty.writeDeletes(pending.deletesBelow(), below);
    }
    KeyValueIterator<Object, Object> scan = below.range(from, to);
    return pending.values().isEmpty() ? scan : new MergedRange(scan, pending.values(), keyBytes);
  }
}
