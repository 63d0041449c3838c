package io.strand.streams.internal.runtime;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.SystemStreamPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A task's event-time clock, as Flink's: each input partition's watermark is the highest event
 * time seen minus its bounded out-of-orderness; an intermediate partition's is the minimum over
 * every upstream task that writes it (from their control records; an upstream task not heard from
 * yet holds it back, one that reported itself idle does not); the task's watermark is the minimum
 * over its partitions that are not idle (caught up, and no record or control record for the idle
 * timeout), never goes back, and stays put while every partition is idle. Caught up is the task's
 * lag on the partition being 0 ({@code TaskContext.getLag}, refreshed on each window tick): a
 * partition whose records are still on their way (fetched slowly after a restart, or waiting
 * behind a higher-priority input) never counts as idle, so the watermark cannot pass them.
 *
 * <p>State lives in the task's watermark store (changelogged, committed with the input offsets),
 * so after a restart the watermark resumes where the last checkpoint left it, not earlier: windows
 * closed before the crash stay closed for replayed records. The task watermark is written each time
 * it advances; partition maxima on each window tick.
 *
 * <p>Threading: the task's thread only.
 */
final class Watermarks {

  private static final byte[] TASK_KEY = {'t'};
  /** Each source's store key ({@code 's' + topic}), made once: a source's watermark is stored as it moves. */
  private final Map<String, byte[]> sourceKeys = new HashMap<>();

  /** One input partition's clock. */
  static final class Clock {
    final SystemStreamPartition ssp;
    final long outOfOrdernessMs;
    final long idleTimeoutMs;
    final int upstreamTasks;
    long maxEventTime = Long.MIN_VALUE;
    long lastActivityMs;
    /** The partition ended (bounded input, or every upstream task's end of stream): the end of time. */
    boolean ended;
    /** The task's lag on the partition was 0 at the last refresh; only then may it turn idle by the timeout. */
    boolean caughtUp;
    final Map<String, long[]> upstream = new HashMap<>();
    /** Of {@link #upstream}, kept by {@link #upstreamChanged}: the minimum of the active ones' watermarks... */
    private long upstreamMin = Long.MAX_VALUE;
    /** ...and whether every one is idle. */
    private boolean upstreamAllIdle = true;

    Clock(SystemStreamPartition ssp, long outOfOrdernessMs, long idleTimeoutMs, int upstreamTasks, long nowMs) {
      this.ssp = ssp;
      this.outOfOrdernessMs = outOfOrdernessMs;
      this.idleTimeoutMs = idleTimeoutMs;
      this.upstreamTasks = upstreamTasks;
      this.lastActivityMs = nowMs;
    }

    boolean idle(long nowMs) {
      if (ended) {
        return false;
      }
      if (upstreamTasks > 0 && upstream.size() >= upstreamTasks && upstreamAllIdle) {
        return true;
      }
      return caughtUp && idleTimeoutMs >= 0 && nowMs - lastActivityMs >= idleTimeoutMs;
    }

    long watermark() {
      if (ended) {
        return Long.MAX_VALUE;
      }
      if (upstreamTasks == 0) {
        return maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - outOfOrdernessMs;
      }
      return upstream.size() < upstreamTasks ? Long.MIN_VALUE : upstreamMin;
    }

    /**
     * An upstream task's watermark or idleness changed: recomputes the minimum and the all-idle
     * flag here, once per control record, rather than per record in {@link #idle} and
     * {@link #watermark}, which every record's {@code advance} calls for every partition.
     */
    void upstreamChanged() {
      long min = Long.MAX_VALUE;
      boolean allIdle = true;
      for (long[] u : upstream.values()) {
        if (u[1] == 0) {
          min = Math.min(min, u[0]);
          allIdle = false;
        }
      }
      upstreamMin = min;
      upstreamAllIdle = allIdle;
    }

    /** @return whether this intermediate partition heard the end of stream from every upstream task */
    boolean upstreamEnded() {
      if (upstreamTasks == 0 || upstream.size() < upstreamTasks) {
        return false;
      }
      for (long[] u : upstream.values()) {
        if (u[0] != Long.MAX_VALUE) {
          return false;
        }
      }
      return true;
    }
  }

  private final KeyValueStore<byte[], byte[]> store;
  private final Map<SystemStreamPartition, Clock> clocks = new LinkedHashMap<>();
  /** The clocks in insertion order, for the per-record {@link #advance} (no iterator). */
  private Clock[] clockArray = new Clock[0];
  private long task = Long.MIN_VALUE;

  Watermarks(KeyValueStore<byte[], byte[]> store) {
    this.store = store;
    byte[] t = store.get(TASK_KEY);
    if (t != null) {
      task = ByteBuffer.wrap(t).getLong();
    }
  }

  void add(Clock clock) {
    clocks.put(clock.ssp, clock);
    clockArray = clocks.values().toArray(new Clock[0]);
    byte[] p = store.get(partitionKey(clock.ssp));
    if (p != null) {
      clock.maxEventTime = ByteBuffer.wrap(p).getLong();
    }
    byte[] prefix = upstreamPrefix(clock.ssp);
    try (KeyValueIterator<byte[], byte[]> it = store.range(prefix, Bytes.after(prefix))) {
      while (it.hasNext()) {
        Entry<byte[], byte[]> e = it.next();
        String upstreamTask = new String(e.getKey(), prefix.length, e.getKey().length - prefix.length,
            StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(e.getValue());
        clock.upstream.put(upstreamTask, new long[] {b.getLong(), b.getLong()});
      }
    }
    clock.upstreamChanged();
  }

  /**
   * Refreshes whether each partition has caught up.
   *
   * @param lags the task's lag per partition, records; empty while unknown (not caught up)
   */
  void refreshCaughtUp(Function<SystemStreamPartition, OptionalLong> lags) {
    for (Clock c : clocks.values()) {
      OptionalLong lag = lags.apply(c.ssp);
      c.caughtUp = lag.isPresent() && lag.getAsLong() <= 0;
    }
  }

  Clock clock(SystemStreamPartition ssp) {
    return clocks.get(ssp);
  }

  void observe(Clock clock, long eventTime, long nowMs) {
    clock.lastActivityMs = nowMs;
    if (eventTime > clock.maxEventTime) {
      clock.maxEventTime = eventTime;
    }
  }

  void control(Clock clock, String upstreamTask, long watermark, boolean idle, long nowMs) {
    clock.lastActivityMs = nowMs;
    long[] was = clock.upstream.get(upstreamTask);
    long wm = was == null ? watermark : Math.max(was[0], watermark);
    clock.upstream.put(upstreamTask, new long[] {wm, idle ? 1 : 0});
    clock.upstreamChanged();
    if (wm == Long.MAX_VALUE) {
      return; // an upstream task's end of input: not stored, so a later run over more input starts from event time
    }
    store.put(concat(upstreamPrefix(clock.ssp), Bytes.utf8(upstreamTask)), Bytes.longs(wm, idle ? 1 : 0));
  }

  /**
   * Recomputes the task's watermark.
   *
   * @param nowMs processing time
   * @return the task's watermark, advanced (and stored) if its inputs allow
   */
  long advance(long nowMs) {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (Clock c : clockArray) {
      if (!c.idle(nowMs)) {
        any = true;
        min = Math.min(min, c.watermark());
      }
    }
    if (any && min != Long.MAX_VALUE && min > task) {
      task = min;
      store.put(TASK_KEY, Bytes.longs(task));
    }
    return task;
  }

  long task() {
    return task;
  }

  /**
   * Stores one source's watermark (kept only for tasks reading more than one source: with one,
   * it is the task's).
   *
   * @param topic the source's topic
   * @param watermarkMs its watermark, ms; the end of time is not stored
   */
  void storeSource(String topic, long watermarkMs) {
    if (watermarkMs != Long.MAX_VALUE) {
      store.put(sourceKeys.computeIfAbsent(topic, t -> Bytes.utf8("s" + t)), Bytes.longs(watermarkMs));
    }
  }

  /**
   * The watermark a source had at the last commit before a restart.
   *
   * @param topic the source's topic
   * @return the stored one, else the task's (which no source's is below)
   */
  long storedSource(String topic) {
    byte[] s = store.get(Bytes.utf8("s" + topic));
    return s == null ? task : Math.max(task, ByteBuffer.wrap(s).getLong());
  }

  /** Stores each partition's highest event time (on the window tick; the task watermark is stored as it moves). */
  void persist() {
    for (Clock c : clocks.values()) {
      if (c.upstreamTasks == 0 && c.maxEventTime != Long.MIN_VALUE) {
        store.put(partitionKey(c.ssp), Bytes.longs(c.maxEventTime));
      }
    }
  }

  private static byte[] partitionKey(SystemStreamPartition ssp) {
    return Bytes.utf8("p" + ssp.getSystem() + "/" + ssp.getStream() + "/" + ssp.partition().id());
  }

  private static byte[] upstreamPrefix(SystemStreamPartition ssp) {
    return Bytes.utf8("u" + ssp.getSystem() + "/" + ssp.getStream() + "/" + ssp.partition().id() + "|");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
