package io.strand.kv.layers;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;

/**
 * Whether the object cache holds every key the store below has, so that a miss is an absent key
 * and needs no read below: true when the store below was empty the first time the cache needed it
 * and nothing has been evicted since (every write below comes through the cache while the task
 * runs; restore writes below before the task's first read). A fresh job's stateful tasks then read
 * nothing below until their caches fill: with 1 M keys (Zipf 1.0) the reads of keys seen for the
 * first time were a fifth of the task thread, each a RocksDB get of an absent key.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class CacheCoverage {
  private enum State { UNKNOWN, EVERY_KEY, SOME_KEYS }

  private final KeyValueStore<Object, Object> below;
  private State state = State.UNKNOWN;

  /**
   * Coverage of a store not looked at yet.
   *
   * @param below the store the cache is over; looked at once, at the first {@link #holdsEveryKey}
   */
  CacheCoverage(KeyValueStore<Object, Object> below) {
    this.below = below;
  }

  /**
   * Whether a miss is known absent; looks below once (for any key), at the first call.
   *
   * @return true while the cache holds every key below
   */
  boolean holdsEveryKey() {
    if (state == State.UNKNOWN) {
      try (KeyValueIterator<Object, Object> it = below.all()) {
        state = it.hasNext() ? State.SOME_KEYS : State.EVERY_KEY;
      }
    }
    return state == State.EVERY_KEY;
  }

  /** The cache evicted a key, which may be below and is no longer cached: misses must read below from now on. */
  void evicted() {
    state = State.SOME_KEYS;
  }
}
