package io.strand.container.output;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One record handed to {@link SendHandOff} (or a flush marker, with no record), and its future:
 * done when the producer's future is, after the sender thread handed the record over.
 *
 * <p>Threading: made on the sending thread, handed over on the sender thread, waited on from any.
 */
final class HandedSend implements Future<RecordMetadata> {
  final ProducerRecord<byte[], byte[]> record;
  final Callback callback;
  /** The record's size bound, bytes, held in {@link SendQueue}'s byte bound until the record is handed over. */
  final int bytes;
  /** The producer's future, once the sender thread handed the record to it. */
  volatile Future<RecordMetadata> sent;
  /** Set by a thread about to wait for the hand-over (see {@link #handed}). */
  volatile boolean waiting;

  HandedSend(ProducerRecord<byte[], byte[]> record, Callback callback, int bytes) {
    this.record = record;
    this.callback = callback;
    this.bytes = bytes;
  }

  void handed(Future<RecordMetadata> f) {
    sent = f;
    // Paired with awaitHanded's write of `waiting` then read of `sent` (both volatile): either
    // the waiter sees `sent`, or this sees `waiting` and wakes it.
    if (waiting) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * Fails the record unsent: its callback (if any) with the error, then its future. A callback's
   * own failure is ignored, so that one callback cannot keep the other records from failing.
   */
  void fail(Exception e) {
    if (callback != null && record != null) {
      try {
        callback.onCompletion(unsent(record), e);
      } catch (RuntimeException ignored) {
        // A callback's own failure must not keep the others from running.
      }
    }
    handed(CompletableFuture.failedFuture(e));
  }

  /** The metadata a callback gets for a record that never reached the producer (offset -1, as the producer's own). */
  static RecordMetadata unsent(ProducerRecord<byte[], byte[]> record) {
    return new RecordMetadata(new TopicPartition(record.topic(), record.partition() == null ? -1 : record.partition()),
        -1, -1, -1, -1, -1);
  }

  /** Waits until the sender thread handed this to the producer (or failed it). */
  void awaitHanded() throws InterruptedException {
    if (sent != null) {
      return;
    }
    waiting = true;
    synchronized (this) {
      while (sent == null) {
        wait();
      }
    }
  }

  /**
   * Waits until the sender thread handed this over and the producer's future is done, at most the
   * given time (a flush marker's future is done once handed over).
   *
   * @param nanos how long to wait, ns
   * @throws InterruptedException if interrupted while waiting
   */
  void awaitDone(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    long left = nanos;
    waiting = true;
    synchronized (this) {
      while (!isDone() && left > 0) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
        left = deadline - System.nanoTime();
      }
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return false;
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public boolean isDone() {
    Future<RecordMetadata> f = sent;
    return f != null && f.isDone();
  }

  @Override
  public RecordMetadata get() throws InterruptedException, ExecutionException {
    awaitHanded();
    return sent.get();
  }

  @Override
  public RecordMetadata get(long timeout, TimeUnit unit) throws InterruptedException,
      ExecutionException, TimeoutException {
    // Waiting to be handed over is bounded by the queue ahead; only the acknowledgement by the timeout.
    awaitHanded();
    return sent.get(timeout, unit);
  }
}
