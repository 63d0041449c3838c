package io.strand.changelog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Sends changelog records through the container's shared producer (the same one that sends the
 * tasks' outputs, so one {@code producer.flush()} makes outputs and changelog durable together) and
 * remembers, from the send callbacks, the highest acknowledged offset of every changelog partition
 * and the first failure.
 *
 * <p>The offsets are what a checkpoint may name: after the container's producer flush returns,
 * every callback has run (Kafka fires a batch's callbacks before completing its future), so
 * {@link #ackedOffset} covers every write handed over before the flush. A commit that lets
 * processing go on while it waits for the acknowledgements (at-least-once commits) takes
 * {@link #lastSend} of each partition at its barrier instead: the highest acknowledged offset may
 * by then belong to a write made after the barrier, which the checkpoint must not name.
 *
 * <p>Each partition has one {@link Target}, made on its first use, holding the partition's send
 * callback and acknowledged offset: a store write costs no callback allocation, and an
 * acknowledgement (on the producer's I/O thread, once per record) one atomic update instead of a
 * map merge with a boxed offset. Stores hold their partition's target ({@link #target}).
 *
 * <p>Threading: {@link #send} from any thread (the run loop, or restore threads when trimming);
 * callbacks arrive on the producer's I/O thread; reads from any thread. State is in concurrent
 * maps and atomics. The producer is the container's: this class never flushes or closes it.
 */
public final class ChangelogSender {

  private final Producer<byte[], byte[]> producer;
  private final Map<TopicPartition, Target> targets = new ConcurrentHashMap<>();
  private final AtomicReference<ChangelogSendException> firstFailure = new AtomicReference<>();

  /**
   * Wraps the container's producer.
   *
   * @param producer the shared producer of the changelog's system; not closed here
   */
  public ChangelogSender(Producer<byte[], byte[]> producer) {
    this.producer = Objects.requireNonNull(producer, "producer");
  }

  /**
   * The sending side of one changelog partition, made on first call and the same afterwards.
   *
   * @param partition the store's changelog partition for the writing task
   * @param what store and task, for failure messages (the first caller's is kept: a changelog
   *     partition belongs to one store of one task)
   * @return the partition's target
   */
  public Target target(TopicPartition partition, String what) {
    Target t = targets.get(partition);
    return t != null ? t : targets.computeIfAbsent(partition, p -> new Target(p, what));
  }

  /**
   * Hands one changelog record to the producer; returns without waiting for the broker. Same as
   * {@code target(partition, what).send(key, value)}.
   *
   * @param partition the store's changelog partition for the writing task
   * @param what store and task, for the failure message
   * @param key the serialized key; the producer copies it before this returns
   * @param value the serialized value, or null for a tombstone (a delete)
   * @throws ChangelogSendException if an earlier changelog write failed (the container must fail
   *     rather than keep writing state that can no longer be checkpointed), or if the producer
   *     refuses the record
   */
  public void send(TopicPartition partition, String what, byte[] key, byte[] value) {
    target(partition, what).send(key, value);
  }

  /**
   * One changelog partition: its send callback, made once, and its highest acknowledged offset.
   *
   * <p>Threading: {@link #send} from the writing thread; the callback on the producer's I/O
   * thread; the offset is an atomic.
   */
  public final class Target implements Callback {
    private final TopicPartition partition;
    private final String what;
    private final AtomicLong acked = new AtomicLong(-1);
    // Read by a commit's barrier (lastSend); written by whichever thread sends (the run loop, or a
    // restore thread when trimming), hence volatile.
    private volatile Future<RecordMetadata> lastSend;

    private Target(TopicPartition partition, String what) {
      this.partition = partition;
      this.what = what;
    }

    /**
     * Hands one changelog record to the producer; returns without waiting for the broker.
     *
     * @param key the serialized key; the producer copies it before this returns
     * @param value the serialized value, or null for a tombstone (a delete)
     * @throws ChangelogSendException if an earlier changelog write failed, or if the producer
     *     refuses the record
     */
    public void send(byte[] key, byte[] value) {
      checkNoFailure();
      try {
        lastSend = producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value), this);
      } catch (RuntimeException e) {
        ChangelogSendException failure = new ChangelogSendException("changelog write of " + what + " to "
            + partition + " was refused by the producer: " + e, e);
        firstFailure.compareAndSet(null, failure);
        throw failure;
      }
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        firstFailure.compareAndSet(null, new ChangelogSendException("changelog write of " + what + " to "
            + partition + " failed: " + exception, exception));
        return;
      }
      // A batch's callbacks run in offset order, but batches of one partition may complete on
      // retries out of order: keep the maximum. Uncontended (one I/O thread), so the loop ends at once.
      long offset = metadata.offset();
      long current = acked.get();
      while (offset > current && !acked.compareAndSet(current, offset)) {
        current = acked.get();
      }
    }
  }

  /**
   * The highest offset the broker acknowledged on a partition through this sender.
   *
   * @param partition the changelog partition
   * @return the offset, or empty if nothing sent there has been acknowledged
   */
  public OptionalLong ackedOffset(TopicPartition partition) {
    Target t = targets.get(partition);
    long offset = t == null ? -1 : t.acked.get();
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /**
   * The last write handed to the producer for a partition, to learn its offset once acknowledged:
   * with the idempotent producer (the engine's default) a partition's writes are acknowledged in
   * the order they were sent, so its offset is the highest of every write sent up to this call.
   *
   * @param partition the changelog partition
   * @return the producer's future of the last write, or empty if nothing was sent there
   */
  public Optional<Future<RecordMetadata>> lastSend(TopicPartition partition) {
    Target t = targets.get(partition);
    return Optional.ofNullable(t == null ? null : t.lastSend);
  }

  /**
   * Throws the first failure of any send so far; a failure stays (it is never cleared).
   *
   * @throws ChangelogSendException if any send failed
   */
  public void checkNoFailure() {
    ChangelogSendException failure = firstFailure.get();
    if (failure != null) {
      throw failure;
    }
  }
}
