package io.strand.container.input;

import io.strand.container.serde.SerdePair;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Deserializes polled records on a thread of its own while the run loop processes earlier ones,
 * so that decoding (often the largest part of a light task's work, for example JSON) overlaps
 * processing on a second core, as Flink's source thread decodes ahead of its operators.
 *
 * <p>Only the pure part runs here: the stream's serdes turn key and value bytes into objects, or a
 * serde's exception is kept as a {@link Failure}. Everything with an effect (the bad-message
 * policy: failing, skipping, dead-lettering, counting, logging) happens on the run loop thread
 * when the record's turn comes ({@link InputDecoder#envelope}), in offset order, exactly as
 * without decode-ahead. Offsets and checkpoints are untouched: a decoded record counts as
 * processed only when its task processed it.
 *
 * <p>Work is shared, never repeated or waited on long: the poller hands over each partition's
 * share of a poll as a {@link Batch}; the decode thread claims its records one at a time in order,
 * and the run loop, when it reaches a record nobody claimed yet, claims and decodes it itself. So
 * the run loop never waits for more than the one record the decode thread is working on, and a
 * decode thread that falls behind (a busy machine) costs nothing but the hand-over.
 *
 * <p>Memory stays bounded by the poller's buffers: a batch holds exactly the records buffered for
 * one input, and the decoded envelopes replace them one for one until the run loop takes them.
 *
 * <p>Serdes must be thread-safe (the {@link io.strand.serializers.Serde} contract): a stream's
 * serde may decode on this thread and on the run loop at the same time.
 *
 * <p>Threading: {@link #submit} and {@link #close} from the run loop thread; the batch's
 * {@link Batch#take} from the run loop thread; the rest on the decode thread.
 */
public final class DecodeAhead implements AutoCloseable {

  /** A serde's failure on a record, kept for the run loop to apply the bad-message policy to. */
  record Failure(boolean key, Throwable error) {}

  private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * Starts the decode thread (a daemon).
   *
   * @param threadName its name, for example {@code strand-container-0-decode}
   */
  public DecodeAhead(String threadName) {
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Hands a batch to the decode thread.
   *
   * @param batch records buffered for one input, in offset order
   */
  public void submit(Batch batch) {
    queue.add(batch);
  }

  private void run() {
    try {
      while (!closed) {
        queue.take().decodeAll();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  /** Stops the decode thread; batches not yet decoded are decoded by the run loop if it still takes them. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }

  /**
   * The records of one poll buffered for one input, and their envelopes as they are decoded.
   * Taken by the run loop in order, one record per {@link #take}.
   */
  public static final class Batch {
    private final SystemStreamPartition ssp;
    private final SerdePair serdes;
    private final ConsumerRecord<byte[], byte[]>[] records;
    /** The next record not claimed by either side; only ever grows. */
    private final AtomicInteger claimed = new AtomicInteger();
    /** Per record: its envelope or {@link Failure}, once decoded; null before. */
    private final AtomicReferenceArray<Object> results;
    /** The run loop's next record (run loop thread only). */
    private int next;

    /**
     * Creates a batch.
     *
     * @param ssp the input partition
     * @param serdes its serdes
     * @param records the records buffered for the input, in offset order
     */
    @SuppressWarnings("unchecked")
    public Batch(SystemStreamPartition ssp, SerdePair serdes, List<ConsumerRecord<byte[], byte[]>> records) {
      this.ssp = ssp;
      this.serdes = serdes;
      this.records = records.toArray(new ConsumerRecord[0]);
      this.results = new AtomicReferenceArray<>(this.records.length);
    }

    /**
     * How many records the batch has.
     *
     * @return the count
     */
    public int size() {
      return records.length;
    }

    /**
     * Whether the run loop took every record.
     *
     * @return true when none is left
     */
    public boolean done() {
      return next >= records.length;
    }

    /** Decode thread: claims and decodes records in order until none is left. */
    private void decodeAll() {
      int i;
      while ((i = claimed.getAndIncrement()) < records.length) {
        Object v;
        try {
          v = decodeOne(records[i]);
        } catch (Throwable t) { // an Error: the run loop rethrows it in the record's turn
          v = new Failure(false, t);
        }
        results.setRelease(i, v);
      }
    }

    /**
     * Run loop: the next record's decode result, decoding it here if the decode thread has not
     * claimed it, or waiting for the decode thread if it is decoding it now.
     *
     * @param record the record the run loop took from the input's buffer (checked to be the next)
     * @return its envelope or {@link Failure}
     */
    public Object take(ConsumerRecord<byte[], byte[]> record) {
      int i = next++;
      if (records[i] != record) {
        throw new IllegalStateException("decode-ahead out of step with the buffer of " + ssp + " at offset "
            + record.offset());
      }
      Object v = results.getAcquire(i);
      if (v != null) {
        results.setPlain(i, null); // the envelope now belongs to the task; let it go with the record
        return v;
      }
      if (claimed.compareAndSet(i, i + 1)) {
        return decodeOne(record);
      }
      // The decode thread holds it: one record's decode at most.
      for (int spins = 0; (v = results.getAcquire(i)) == null; spins++) {
        if (spins < 1_000) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
      results.setPlain(i, null);
      return v;
    }

    /** Run loop: the input ended or dropped its buffer; the decode thread skips what is left. */
    public void cancel() {
      claimed.set(records.length);
    }

    private Object decodeOne(ConsumerRecord<byte[], byte[]> r) {
      return InputDecoder.decodeRaw(ssp, serdes, r);
    }
  }
}
