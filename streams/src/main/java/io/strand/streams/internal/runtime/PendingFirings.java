package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.EmitStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * The pending early firings of a windowed aggregation with early firings (time windows and
 * sessions): {@code ['n'][window key]} holds the records added to the window since its last firing
 * (8 bytes), in the operator's changelogged store; and the processing-time clock of timed early
 * firings.
 *
 * <p>Threading: the task's thread only.
 */
final class PendingFirings {

  private static final byte PENDING = 'n';

  private final EmitStrategy emit;
  private long nextTimedFiringMs;

  PendingFirings(EmitStrategy emit) {
    this.emit = emit;
  }

  /**
   * @return whether windows can have pending firings in the store: not when every record fires
   *     ({@code everyRecords == 1}), so closing a window then writes no tombstone for a key never written
   */
  boolean kept() {
    return emit.everyRecords() != 1;
  }

  /** Starts the timed firings' clock, at the task's start. */
  void start(long nowMs) {
    nextTimedFiringMs = nowMs + emit.everyMs();
  }

  /**
   * On the window tick: when a timed early firing is due, takes (deletes) every pending firing and
   * hands each window that still has its aggregate to {@code fire}, in store order.
   *
   * @param store the operator's store
   * @param fire what fires a window
   */
  void tick(KeyValueStore<byte[], byte[]> store, TimeWindowOp.Emit fire) {
    if (emit.everyMs() == 0 || !kept()) {
      return;
    }
    long now = System.currentTimeMillis();
    if (now < nextTimedFiringMs) {
      return;
    }
    nextTimedFiringMs = now + emit.everyMs();
    List<byte[]> pending = new ArrayList<>();
    byte[] prefix = {PENDING};
    try (KeyValueIterator<byte[], byte[]> it = store.range(prefix, Bytes.after(prefix))) {
      while (it.hasNext()) {
        pending.add(it.next().getKey());
      }
    }
    for (byte[] pendingKey : pending) {
      store.delete(pendingKey);
      byte[] windowKey = new byte[pendingKey.length - 1];
      System.arraycopy(pendingKey, 1, windowKey, 0, windowKey.length);
      byte[] aggregate = store.get(windowKey);
      if (aggregate != null) {
        fire.emit(windowKey, aggregate);
      }
    }
  }

  /** @return the pending-firing key of a window */
  static byte[] key(byte[] windowKey) {
    byte[] k = new byte[windowKey.length + 1];
    k[0] = PENDING;
    System.arraycopy(windowKey, 0, k, 1, windowKey.length);
    return k;
  }
}
