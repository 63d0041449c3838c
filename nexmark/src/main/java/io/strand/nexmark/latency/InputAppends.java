package io.strand.nexmark.latency;

import io.strand.nexmark.generator.AppendObserver;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * When each input record of a live generation was appended: the wall-clock time its send was
 * acknowledged (taken on the producer's I/O thread; the append itself happened at most the
 * acknowledgement's trip earlier), by event number and, in append order, per topic partition.
 * Thread-safe: the producer's I/O thread records, the probe reads.
 */
public final class InputAppends implements AppendObserver {

  private final LongSupplier clockMs;
  private final long[] byEvent;
  private final Map<String, PartitionLog[]> logs = new LinkedHashMap<>();

  /**
   * Empty.
   *
   * @param events the generation's events (numbers {@code 0 .. events - 1})
   * @param topics the input topics
   * @param partitions partitions per topic
   * @param clockMs the wall clock, ms since the epoch (the broker's clock for LogAppendTime)
   */
  public InputAppends(long events, Collection<String> topics, int partitions, LongSupplier clockMs) {
    this.clockMs = clockMs;
    this.byEvent = new long[Math.toIntExact(events)];
    Arrays.fill(byEvent, -1);
    for (String topic : topics) {
      PartitionLog[] p = new PartitionLog[partitions];
      for (int i = 0; i < partitions; i++) {
        p[i] = new PartitionLog();
      }
      logs.put(topic, p);
    }
  }

  @Override
  public synchronized void appended(long eventNumber, String topic, int partition, long eventTimeMs) {
    long now = clockMs.getAsLong();
    if (eventNumber >= 0 && eventNumber < byEvent.length) {
      byEvent[(int) eventNumber] = now;
    }
    PartitionLog[] p = logs.get(topic);
    if (p != null && partition >= 0 && partition < p.length) {
      p[partition].add(eventTimeMs, now);
    }
  }

  /**
   * When an event was appended.
   *
   * @param eventNumber the event
   * @return ms since the epoch, or -1 if it was not (or is not in the generation)
   */
  public synchronized long appendOf(long eventNumber) {
    return eventNumber >= 0 && eventNumber < byEvent.length ? byEvent[(int) eventNumber] : -1;
  }

  /**
   * When every partition of some topics had appended a record with event time at or after a time:
   * the moment the watermark (per partition the highest event time seen minus the lag, the
   * minimum over partitions) could first pass {@code eventTimeMs - lag}.
   *
   * @param topics input topics (each given to the constructor)
   * @param eventTimeMs the event time, ms since the epoch
   * @return ms since the epoch, or -1 if some partition never reached it
   * @throws IllegalArgumentException if a topic is unknown
   */
  public synchronized long allPartitionsReached(Collection<String> topics, long eventTimeMs) {
    long latest = -1;
    for (String topic : topics) {
      PartitionLog[] p = logs.get(topic);
      if (p == null) {
        throw new IllegalArgumentException("no appends recorded for topic " + topic);
      }
      for (PartitionLog log : p) {
        long at = log.reached(eventTimeMs);
        if (at < 0) {
          return -1;
        }
        latest = Math.max(latest, at);
      }
    }
    return latest;
  }

  /** One partition's appends in order: the highest event time so far and the append time. */
  private static final class PartitionLog {
    private long[] maxTimes = new long[1024];
    private long[] appends = new long[1024];
    private int size;

    void add(long eventTimeMs, long appendMs) {
      if (size == maxTimes.length) {
        maxTimes = Arrays.copyOf(maxTimes, size * 2);
        appends = Arrays.copyOf(appends, size * 2);
      }
      maxTimes[size] = size == 0 ? eventTimeMs : Math.max(maxTimes[size - 1], eventTimeMs);
      appends[size] = appendMs;
      size++;
    }

    /** The append time of the first record that brought the highest event time to at least t; -1 for none. */
    long reached(long t) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (maxTimes[mid] >= t) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo < size ? appends[lo] : -1;
    }
  }
}
