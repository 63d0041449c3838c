package io.strand.container.runloop;

import io.strand.container.input.InputDecoder;
import io.strand.system.IncomingMessageEnvelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The container's consumers (one per input system, normally exactly one): assigns every input
 * partition and seeks it to its starting offset, polls in batches and moves records into the
 * task inputs' buffers. Partitions whose buffer is full, or whose tasks take no more input, are
 * paused so memory stays bounded ({@value #MAX_BUFFERED} records per partition plus one poll);
 * a busy loop's polls fetch only partitions that ran dry, so few records wait in the buffers.
 *
 * <p>Threading: run loop thread only, except {@link #wakeup()} and {@link #wakeupIfPolling()},
 * which any thread may call to cut a blocking poll short.
 */
final class InputPoller implements AutoCloseable {

  /** Records buffered per partition before it is paused. */
  static final int MAX_BUFFERED = 4_000;

  /** One consumed topic partition and the task inputs it feeds (several for a broadcast input). */
  private static final class Consumed {
    final TopicPartition tp;
    final TaskInput[] inputs;
    boolean paused;

    Consumed(TopicPartition tp, TaskInput[] inputs) {
      this.tp = tp;
      this.inputs = inputs;
    }
  }

  /** One system's consumer and its partitions. */
  private static final class SystemConsumer {
    final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    final Map<TopicPartition, Consumed> partitions = new HashMap<>();
    /** Partitions with an input that has peers (timestamp order), whose lag the chooser reads; set at first poll. */
    Consumed[] ordered;

    SystemConsumer(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer) {
      this.consumer = consumer;
    }
  }

  private final List<SystemConsumer> consumers = new ArrayList<>();
  /** Inputs with an end (bounded) or a catch-up mark (bootstrap) not yet reached. */
  private final List<TaskInput> watched = new ArrayList<>();
  private final Map<TaskInput, SystemConsumer> ownerOfWatched = new HashMap<>();
  private volatile boolean polling;
  private final InputDecoder decoder;
  /** Records in all buffers. */
  private int buffered;
  /** Whether a record was taken since {@link #drainedSinceTakes()} last said yes. */
  private boolean takenSinceDrained;

  /**
   * Creates the consumers, assigns the partitions and seeks them.
   *
   * @param inputs every task input of the container
   * @param startingOffsets next offset to read per partition
   * @param newConsumer makes the consumer of one system
   * @param decoder applies the serdes and the bad-message policy in {@link #envelope}
   */
  InputPoller(List<TaskInput> inputs, Map<io.strand.system.SystemStreamPartition, Long> startingOffsets,
      Function<String, org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> newConsumer, InputDecoder decoder) {
    this.decoder = decoder;
    Map<String, Map<TopicPartition, List<TaskInput>>> bySystem = new HashMap<>();
    for (TaskInput in : inputs) {
      bySystem.computeIfAbsent(in.ssp.getSystem(), s -> new HashMap<>())
          .computeIfAbsent(new TopicPartition(in.ssp.getStream(), in.ssp.getPartition().id()), tp -> new ArrayList<>())
          .add(in);
    }
    try {
      for (Map.Entry<String, Map<TopicPartition, List<TaskInput>>> e : bySystem.entrySet()) {
        SystemConsumer sc = new SystemConsumer(newConsumer.apply(e.getKey()));
        consumers.add(sc);
        sc.consumer.assign(e.getValue().keySet());
        for (Map.Entry<TopicPartition, List<TaskInput>> p : e.getValue().entrySet()) {
          TaskInput[] ins = p.getValue().toArray(new TaskInput[0]);
          sc.partitions.put(p.getKey(), new Consumed(p.getKey(), ins));
          Long start = startingOffsets.get(ins[0].ssp);
          if (start == null) {
            throw new IllegalStateException("no starting offset for " + ins[0].ssp);
          }
          sc.consumer.seek(p.getKey(), start);
          for (TaskInput in : ins) {
            if (in.bounded || in.bootstrap) {
              watched.add(in);
              ownerOfWatched.put(in, sc);
            }
          }
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Polls every consumer once and buffers what arrives.
   *
   * @param timeout the longest to wait for data, split over the consumers
   * @param chooser told about inputs that now have data
   * @param dryOnly fetch only partitions whose buffers are empty (a busy loop's poll, as Samza
   *     refreshes only empty partitions between messages), else every partition below
   *     {@value #MAX_BUFFERED} records
   */
  void poll(Duration timeout, MessageChooser chooser, boolean dryOnly) {
    refreshPauses(dryOnly ? 1 : MAX_BUFFERED);
    Duration each = consumers.size() == 1 ? timeout : timeout.dividedBy(consumers.size());
    for (SystemConsumer sc : consumers) {
      ConsumerRecords<byte[], byte[]> records;
      polling = true;
      try {
        records = sc.consumer.poll(each);
      } catch (WakeupException e) {
        continue; // someone wanted the loop's attention; it re-checks
      } finally {
        polling = false;
      }
      if (!records.isEmpty()) {
        ingest(sc, records, chooser);
      }
      noteFetchedLags(sc);
    }
  }

  /**
   * Tells each timestamp-ordered input its consumer's lag: known from the last fetch response's
   * high watermark and the position, without a network call, and fixed until the next poll, which
   * alone moves either. The chooser asks for a refetch of a task's dry partition only when it is
   * above zero (or unknown).
   */
  private static void noteFetchedLags(SystemConsumer sc) {
    if (sc.ordered == null) {
      sc.ordered = sc.partitions.values().stream()
          .filter(c -> Arrays.stream(c.inputs).anyMatch(in -> in.peers().length > 0)).toArray(Consumed[]::new);
    }
    for (Consumed c : sc.ordered) {
      OptionalLong lag = sc.consumer.currentLag(c.tp);
      long records = lag.isPresent() ? lag.getAsLong() : -1;
      for (TaskInput in : c.inputs) {
        in.fetchedLag(records);
      }
    }
  }

  private void ingest(SystemConsumer sc, ConsumerRecords<byte[], byte[]> records, MessageChooser chooser) {
    for (TopicPartition tp : records.partitions()) {
      Consumed c = sc.partitions.get(tp);
      List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
      for (TaskInput in : c.inputs) {
        if (!in.open()) {
          continue;
        }
        // Offsets ascend in a partition's list: what is skipped is a prefix, what lies beyond a
        // bounded input's end a suffix; the rest is buffered as one slice of the list.
        int n = list.size();
        int from = 0;
        while (from < n && list.get(from).offset() <= in.skipThrough) {
          from++;
        }
        int to = n;
        if (in.bounded && to > from && list.get(n - 1).offset() >= in.endOffset) {
          to = from;
          while (to < n && list.get(to).offset() < in.endOffset) {
            to++; // beyond the end seen at start: not this run's input
          }
        }
        in.buffer(list, from, to);
        int added = Math.max(0, to - from);
        if (added > 0) {
          buffered += added;
          chooser.offer(in);
        }
      }
    }
  }

  /** Pauses partitions with an input holding {@code limit} or more records or no open input, resumes the others. */
  private void refreshPauses(int limit) {
    for (SystemConsumer sc : consumers) {
      for (Consumed c : sc.partitions.values()) {
        boolean pause = true;
        for (TaskInput in : c.inputs) {
          if (in.open() && in.buffered() < limit) {
            pause = false;
          } else if (in.open()) {
            pause = true;
            break;
          }
        }
        if (pause != c.paused) {
          c.paused = pause;
          if (pause) {
            sc.consumer.pause(List.of(c.tp));
          } else {
            sc.consumer.resume(List.of(c.tp));
          }
        }
      }
    }
  }

  /**
   * Reports watched inputs whose consumer position has reached their end or catch-up offset with
   * nothing left in their buffer (this also covers ends that fall on transaction markers, which
   * are never delivered as records).
   *
   * @param reached called once per input that reached its mark; the caller marks it
   */
  void checkEnds(Consumer<TaskInput> reached) {
    for (Iterator<TaskInput> it = watched.iterator(); it.hasNext(); ) {
      TaskInput in = it.next();
      if (!in.markPending()) {
        it.remove();
        continue;
      }
      if (!in.hasBuffered() && in.inFlightEmpty()) {
        SystemConsumer sc = ownerOfWatched.get(in);
        long position = sc.consumer.position(new TopicPartition(in.ssp.getStream(), in.ssp.getPartition().id()));
        if (position >= in.endOffset) {
          reached.accept(in);
        }
      }
    }
  }

  /**
   * How many records wait in all buffers.
   *
   * @return the count
   */
  int buffered() {
    return buffered;
  }

  /**
   * Takes the next record of an input for dispatch.
   *
   * @param in an input with a buffered record
   * @return its oldest buffered record
   */
  ConsumerRecord<byte[], byte[]> take(TaskInput in) {
    ConsumerRecord<byte[], byte[]> r = in.takeBuffered();
    buffered--;
    takenSinceDrained = true;
    return r;
  }

  /**
   * The envelope of a record just {@link #take taken}, decoded now on the run loop thread; a
   * serde's failure goes through the bad-message policy now, in the record's turn. A partition
   * several tasks read is decoded once for all of them ({@link TaskInput#shared}).
   *
   * @param in its input
   * @param r the record
   * @return the envelope, or null when the record was skipped or dead-lettered (it then counts as
   *     processed)
   * @throws io.strand.container.errors.ContainerFailedException under the FAIL policy
   */
  IncomingMessageEnvelope envelope(TaskInput in, ConsumerRecord<byte[], byte[]> r) {
    return decoder.decode(in.task.name, in.ssp, in.serdes, r, in.shared);
  }

  /**
   * Ends a bounded input that reached its end: it takes no more records, and what it buffered
   * beyond the end is dropped.
   *
   * @param in the input
   * @return true if it was bounded and had not ended before
   */
  boolean end(TaskInput in) {
    return dropped(in.end());
  }

  /**
   * Ends an input its task said has ended: it takes no more records, and what it buffered is
   * dropped.
   *
   * @param in the input
   * @return true if it had not ended before
   */
  boolean endAsTaskSaid(TaskInput in) {
    return dropped(in.endAsTaskSaid());
  }

  private boolean dropped(int dropped) {
    if (dropped < 0) {
      return false;
    }
    buffered -= dropped;
    return true;
  }

  /**
   * Whether the loop has drained its input since it last took a record, once per drain: records
   * were taken since the last time this said yes, nothing is buffered, and every partition an open
   * input reads was read up to its end at the last fetch (the consumer's lag, known from the fetch
   * response without a network call, is zero; unknown counts as not drained).
   *
   * @return true when records were taken and none is waiting now, here or at the broker as far as
   *     the consumer knows
   */
  boolean drainedSinceTakes() {
    if (!takenSinceDrained || buffered > 0) {
      return false;
    }
    for (SystemConsumer sc : consumers) {
      for (Consumed c : sc.partitions.values()) {
        if (!c.paused) {
          OptionalLong lag = sc.consumer.currentLag(c.tp);
          if (lag.isEmpty() || lag.getAsLong() > 0) {
            return false;
          }
        }
      }
    }
    takenSinceDrained = false;
    return true;
  }

  /** Refreshes every input's lag: the consumer's lag plus what is still buffered. */
  void updateLag() {
    for (SystemConsumer sc : consumers) {
      for (Consumed c : sc.partitions.values()) {
        OptionalLong lag = sc.consumer.currentLag(c.tp);
        if (lag.isPresent()) {
          for (TaskInput in : c.inputs) {
            in.updateLag(lag.getAsLong() + in.buffered());
          }
        }
      }
    }
  }

  /** Makes the current or next poll return at once (thread-safe). */
  void wakeup() {
    for (SystemConsumer sc : consumers) {
      sc.consumer.wakeup();
    }
  }

  /** Wakes a poll in progress, if any (thread-safe); a poll starting just after waits its (short) timeout. */
  void wakeupIfPolling() {
    if (polling) {
      wakeup();
    }
  }

  @Override
  public void close() {
    for (SystemConsumer sc : consumers) {
      try {
        sc.consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        // closing is best effort; the consumer holds no group membership or commits to lose
      }
    }
  }
}
