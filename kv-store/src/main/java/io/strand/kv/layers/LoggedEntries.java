package io.strand.kv.layers;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The object cache's deferred engine writes (the exactly-once commit, {@link CachedStore#flushToLog}):
 * the cached slots whose value the changelog has and the engine does not yet, each holding the
 * serialized entry the changelog got, in the order they were logged. {@link #writeToEngine} gives
 * the engine exactly those bytes, without logging them again.
 *
 * <p>Threading: not thread-safe; the owning cache's task thread.
 */
final class LoggedEntries {
  private final SerializedStore splitter;
  private final List<Slot> logged = new ArrayList<>();

  /**
   * @param splitter the layer below the cache, which can split a write into its changelog and
   *     engine parts ({@link SerializedStore#splitsWrites})
   */
  LoggedEntries(SerializedStore splitter) {
    this.splitter = splitter;
  }

  /**
   * Sends slots to the changelog only ({@link SerializedStore#logAll}) and marks them logged and
   * clean: the changelog has them, and the engine may still hold an older value.
   *
   * @param written dirty slots, in the order they became dirty
   * @throws RuntimeException what the layers below throw; the slots are then left as they were
   */
  void log(List<Slot> written) {
    List<Entry<Object, Object>> batch = new ArrayList<>(written.size());
    for (Slot slot : written) {
      batch.add(new Entry<>(slot.key, slot.value));
    }
    List<Entry<byte[], byte[]>> sent = batch.isEmpty() ? List.of() : splitter.logAll(batch);
    for (int i = 0; i < written.size(); i++) {
      Slot slot = written.get(i);
      if (slot.logged == null) {
        logged.add(slot);
      }
      slot.logged = sent.get(i);
      slot.dirty = false;
      slot.below = true;
    }
  }

  /**
   * Writes every logged entry to the engine, without logging it again, so the engine holds every
   * write the changelog got; a slot dirty again since keeps its dirty value.
   *
   * @throws RuntimeException what the engine throws; the entries then stay logged
   */
  void writeToEngine() {
    if (logged.isEmpty()) {
      return;
    }
    List<Entry<byte[], byte[]>> batch = new ArrayList<>(logged.size());
    for (Slot slot : logged) {
      batch.add(slot.logged);
    }
    splitter.putAllLogged(batch);
    for (Slot slot : logged) {
      slot.below = slot.dirty || slot.logged.value() != null;
      slot.logged = null;
    }
    logged.clear();
  }

  /**
   * Forgets slots whose writes are dropped ({@link CachedStore#dropAll}).
   *
   * @param gone the slots, by identity
   */
  void removeAll(Set<Slot> gone) {
    logged.removeIf(gone::contains);
  }

  /** Forgets the slots whose logged entry a write-down superseded ({@link DirtyEntries#writeDown}). */
  void removeSuperseded() {
    logged.removeIf(slot -> slot.logged == null);
  }

  /** @return the number of logged entries */
  int count() {
    return logged.size();
  }
}
