package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.SessionWindows;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import io.strand.streams.internal.graph.AggregateNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Session windows with final results. A session is stored under {@code [key][start][end]} with
 * {@code end} = last record + 1 ms. A record at {@code t} joins every session of its key within
 * the gap ({@code start - gap <= t < end + gap}): they and the record merge into one session
 * (aggregates merged oldest first, then the record added). The session closes at
 * {@code last + gap + grace}; a record whose merged session would already be closed is late.
 * Which sessions a key has open, and which close when, the operator keeps in memory
 * ({@link SessionIndex}); the store holds the sessions themselves.
 */
final class SessionWindowOp extends AggregateOp {

  private final SessionWindows windows;
  private final SessionIndex index = new SessionIndex();
  private boolean indexed;

  SessionWindowOp(AggregateNode node) {
    super(node);
    this.windows = node.sessionWindows();
  }

  /** Builds the session index from the (restored) store on first use. */
  private void index() {
    if (!indexed) {
      index.rebuild(store, windowKey -> closeAt(Bytes.endOf(windowKey)));
      indexed = true;
    }
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    index();
    byte[] k = keyBytes(key);
    long gap = windows.gapMs();
    long start = timestamp;
    long end = timestamp + 1;
    List<byte[]> joined = null;
    for (byte[] session : index.sessions(k)) {
      long s = Bytes.startOf(session);
      long en = Bytes.endOf(session);
      if (s - gap <= timestamp && timestamp < en + gap) {
        if (joined == null) {
          joined = new ArrayList<>(2);
        }
        joined.add(session);
        start = Math.min(start, s);
        end = Math.max(end, en);
      }
    }
    if (closeAt(end) <= watermarkMs()) {
      late(key, value, timestamp);
      return;
    }
    Object aggregate = null;
    if (joined != null) {
      for (byte[] old : joined) {
        Object a = aggregate(store.get(old));
        aggregate = aggregate == null ? a : node.merge().apply(key, aggregate, a);
        store.delete(old);
      }
    }
    aggregate = node.add().apply(key, value, aggregate == null ? node.init().apply() : aggregate);
    byte[] windowKey = Bytes.windowKey(k, start, end);
    store.put(windowKey, aggregateBytes(aggregate));
    index.replace(k, joined == null ? List.of() : joined, windowKey, closeAt(end));
  }

  /**
   * The sessions of a key that a record at {@code timestamp} joins ({@code start - gap <= t < end + gap}),
   * oldest first, and the bounds of the session they merge into with it.
   */
  record Joined(List<byte[]> keys, List<byte[]> aggregates, long start, long end) {

    static Joined scan(KeyValueStore<byte[], byte[]> store, byte[] userKey, long gapMs, long timestamp) {
      byte[] prefix = Bytes.keyed((byte) 'd', userKey, 0);
      List<byte[]> keys = new ArrayList<>();
      List<byte[]> aggregates = new ArrayList<>();
      long start = timestamp;
      long end = timestamp + 1;
      try (KeyValueIterator<byte[], byte[]> it = store.range(prefix, Bytes.after(prefix))) {
        while (it.hasNext()) {
          Entry<byte[], byte[]> e = it.next();
          long s = Bytes.startOf(e.getKey());
          long en = Bytes.endOf(e.getKey());
          if (s - gapMs <= timestamp && timestamp < en + gapMs) {
            keys.add(e.getKey());
            aggregates.add(e.getValue());
            start = Math.min(start, s);
            end = Math.max(end, en);
          }
        }
      }
      return new Joined(keys, aggregates, start, end);
    }

    /** @return the merged session's aggregate: the joined ones merged oldest first, then the record added */
    Object merge(AggregateOp op, Object key, Object value) {
      Object aggregate = null;
      for (byte[] bytes : aggregates) {
        Object a = op.aggregate(bytes);
        aggregate = aggregate == null ? a : op.node.merge().apply(key, aggregate, a);
      }
      return op.node.add().apply(key, value, aggregate == null ? op.node.init().apply() : aggregate);
    }
  }

  private long closeAt(long end) {
    return end - 1 + windows.gapMs() + windows.graceMs();
  }

  @Override
  void onWatermark(long watermarkMs) {
    index();
    if (watermarkMs < index.next()) {
      return;
    }
    for (byte[] windowKey : index.takeClosed(watermarkMs)) {
      byte[] aggregate = store.get(windowKey);
      if (aggregate != null) { // else grown or merged into a later session since
        long end = Bytes.endOf(windowKey);
        Object key = keySerde.fromBytes(Bytes.userKeyOf(windowKey));
        forward(new Windowed<>(key, new Window(Bytes.startOf(windowKey), end)), aggregate(aggregate), end - 1);
        store.delete(windowKey);
      }
    }
  }
}
