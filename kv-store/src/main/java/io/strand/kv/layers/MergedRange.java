package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A range scan of the store below merged with the object cache's dirty entries of the same range:
 * both in serialized key order; where both hold a key the cache's entry wins, and a cached delete
 * (a null value) hides the key.
 *
 * <p>Threading: not thread-safe; the task thread that opened it.
 */
final class MergedRange implements KeyValueIterator<Object, Object> {
  private final KeyValueIterator<Object, Object> below;
  private final List<Slot> cached;
  private final Function<Object, byte[]> keyBytes;
  private int nextCached;
  private Entry<Object, Object> belowHead;
  private byte[] belowHeadBytes;
  private Entry<Object, Object> next;

  /**
   * @param below the scan below, which this closes
   * @param cached the cache's entries of the range, in key order, each with its key bytes
   * @param keyBytes the key serde's view of a key from below
   */
  MergedRange(KeyValueIterator<Object, Object> below, List<Slot> cached, Function<Object, byte[]> keyBytes) {
    this.below = below;
    this.cached = cached;
    this.keyBytes = keyBytes;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (belowHead == null && below.hasNext()) {
        belowHead = below.next();
        belowHeadBytes = keyBytes.apply(belowHead.key());
      }
      Slot slot = nextCached < cached.size() ? cached.get(nextCached) : null;
      if (slot == null && belowHead == null) {
        return false;
      }
      int order = slot == null ? 1 : belowHead == null ? -1 : Arrays.compareUnsigned(slot.keyBytes, belowHeadBytes);
      if (order <= 0) {
        nextCached++;
        if (order == 0) {
          belowHead = null; // the cache's entry replaces below's
        }
        if (slot.value != null) {
          next = new Entry<>(slot.key instanceof byte[] b ? b.clone() : slot.key, slot.value);
        }
      } else {
        next = belowHead;
        belowHead = null;
      }
    }
    return true;
  }

  @Override
  public Entry<Object, Object> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry<Object, Object> e = next;
    next = null;
    return e;
  }

  @Override
  public void close() {
    below.close();
  }
}
