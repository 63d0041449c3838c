package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How the object cache serves a range scan while it holds dirty entries: merged with the scan
 * below ({@link #dirtyBetween}, then {@link MergedRange}), or, when scans come often, after
 * writing every dirty entry down ({@link #writeDownFirst}).
 *
 * <p>A merge looks through every dirty entry; once scans have done so
 * {@value #RANGE_MERGES_PER_WRITE} times over, writing them down costs less than looking again
 * (amortized: a scan per record writes down about every {@code 2 * RANGE_MERGES_PER_WRITE}
 * records). Measured against the writes since the last write-down rather than the dirty entries:
 * a scan per new key (a join's buffer, writes equal dirty entries) writes down as before; a scan
 * now and then over keys written often (an hourly window close) keeps merging.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class RangeMerges {
  /**
   * How many times over range scans may look through the dirty entries before they are written
   * down instead: a task that scans on every record (a stream-stream join probing the other
   * side's buffer) then writes down every few records, as a batch, rather than scanning an
   * ever longer dirty list; a task that scans now and then (an hourly window close) merges.
   */
  static final int RANGE_MERGES_PER_WRITE = 8;

  private final Function<Object, byte[]> keyBytes;
  // Dirty entries that range scans have looked through since the last write-down.
  private long rangeScanned;
  // Writes (puts and deletes) since the last write-down: what range merges are measured against.
  private long writesSinceWriteDown;

  /**
   * @param keyBytes the key serde's view of a key (bytes that order it as the engine does)
   */
  RangeMerges(Function<Object, byte[]> keyBytes) {
    this.keyBytes = keyBytes;
  }

  /** A put or delete reached the cache. */
  void wrote() {
    writesSinceWriteDown++;
  }

  /** The dirty entries went down (or to the changelog): the count starts again. */
  void wroteDown() {
    rangeScanned = 0;
    writesSinceWriteDown = 0;
  }

  /**
   * Counts a scan that would look through the dirty entries, and says whether to write them down
   * instead.
   *
   * @param dirtyEntries the dirty list's length (dropped slots included: a merge looks at them too)
   * @return true if the scan should write every dirty entry down first and read below only
   */
  boolean writeDownFirst(int dirtyEntries) {
    rangeScanned += dirtyEntries;
    return rangeScanned > (long) RANGE_MERGES_PER_WRITE * Math.max(dirtyEntries, writesSinceWriteDown);
  }

  /**
   * The dirty entries whose serialized keys lie in {@code [from, to)}: the values as copies (the
   * scan shows the values as of now, whatever the task writes while it iterates), in key order,
   * and apart from them the deletions of keys that may be below.
   *
   * @param dirty the dirty list; slots no longer dirty are skipped
   * @param from the scan's first key, serialized
   * @param to the scan's end key (exclusive), serialized
   * @return the slots in range; empty if none
   */
  InRange dirtyBetween(List<Slot> dirty, byte[] from, byte[] to) {
    if (dirty.isEmpty() || Arrays.compareUnsigned(from, to) >= 0) {
      return InRange.NONE;
    }
    List<Slot> values = new ArrayList<>();
    List<Slot> deletesBelow = List.of();
    for (Slot slot : dirty) {
      if (!slot.dirty) {
        continue; // dropped: deleted before it ever went down
      }
      if (slot.keyBytes == null) {
        slot.keyBytes = slot.key instanceof byte[] b ? b : keyBytes.apply(slot.key);
      }
      if (Arrays.compareUnsigned(slot.keyBytes, from) >= 0 && Arrays.compareUnsigned(slot.keyBytes, to) < 0) {
        if (slot.value == null && slot.below) {
          if (deletesBelow.isEmpty()) {
            deletesBelow = new ArrayList<>();
          }
          deletesBelow.add(slot);
          continue;
        }
        Slot copy = new Slot(slot.key, slot.hash, slot.value, true);
        copy.keyBytes = slot.keyBytes;
        values.add(copy);
      }
    }
    values.sort((a, b) -> Arrays.compareUnsigned(a.keyBytes, b.keyBytes));
    return new InRange(values, deletesBelow);
  }

  /**
   * A scan's dirty entries.
   *
   * @param values copies of the slots with a value, or deleted but never below, in key order
   * @param deletesBelow the slots (not copies) deleted since a value of theirs may have gone below
   */
  record InRange(List<Slot> values, List<Slot> deletesBelow) {
    static final InRange NONE = new InRange(List.of(), List.of());
  }
}
