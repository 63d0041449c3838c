package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import java.util.Arrays;

/**
 * The object cache's slot of the key last looked up or written, by the caller's key instance: a
 * task's get then put of the same key, a read-modify-write, costs one hash lookup instead of two.
 * A {@code byte[]} key (which the caller may change) is remembered by content instead: compared
 * with the slot's own copy, which saves the hash and the lookup of the second access. The cache
 * {@link #forget}s it whenever the slot may leave the table (an insert's eviction, a drop).
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class LastKey {
  private Object key;
  private boolean bytes;
  private Slot slot;

  /**
   * @param key the caller's key
   * @return the remembered slot if {@code key} is the instance last used and still equal to the
   *     slot's key (a byte[] key: equal in content), else null
   */
  Slot slotOf(Object key) {
    Slot s = slot;
    if (s == null) {
      return null;
    }
    if (bytes) {
      return key instanceof byte[] b && Arrays.equals(b, (byte[]) s.key) ? s : null;
    }
    return key == this.key && s.key.equals(key) ? s : null;
  }

  /**
   * @param key the caller's key
   * @param slot its slot, in the table
   */
  void remember(Object key, Slot slot) {
    this.bytes = key instanceof byte[];
    this.key = bytes ? null : key;
    this.slot = slot;
  }

  void forget() {
    key = null;
    bytes = false;
    slot = null;
  }
}
