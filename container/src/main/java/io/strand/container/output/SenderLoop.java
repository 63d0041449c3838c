package io.strand.container.output;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link SendHandOff}'s sender thread runs: takes the queued records in batches, in queue
 * order, and calls the wrapped producer's {@code send} for each (where the accumulator append and
 * the batch compression happen); a flush marker is marked handed once every record queued before
 * it is in the producer. Errors of the producer's {@code send} go to the record's callback and
 * fail its future. On an interrupt (the hand-off's close) or an error of its own it stops, and
 * fails what it took and what is still queued.
 *
 * <p>Threading: the sender thread only; callbacks of refused sends run on it.
 */
final class SenderLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SenderLoop.class);
  /** Records the sender thread takes from the queue at once. */
  private static final int DRAIN_MAX = 256;
  private static final CompletableFuture<RecordMetadata> HANDED_MARKER = CompletableFuture.completedFuture(null);

  private final SendQueue queue;
  private final Producer<byte[], byte[]> producer;

  /**
   * @param queue the queue to take from
   * @param producer the producer to send with
   */
  SenderLoop(SendQueue queue, Producer<byte[], byte[]> producer) {
    this.queue = queue;
    this.producer = producer;
  }

  @Override
  public void run() {
    List<HandedSend> batch = new ArrayList<>(DRAIN_MAX);
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (queue.drain(batch, DRAIN_MAX) == 0) {
          continue;
        }
        for (HandedSend s : batch) {
          if (s.record == null) {
            s.handed(HANDED_MARKER);
          } else {
            handOver(s);
          }
        }
        batch.clear();
      }
    } catch (RuntimeException | Error e) {
      LOG.error("the send thread {} failed; its producer's sends fail from now on", Thread.currentThread().getName(),
          e);
    } finally {
      queue.stop();
      for (HandedSend s : batch) {
        if (s.sent == null) {
          s.fail(new KafkaException("the producer was closed before the record was sent"));
        }
      }
      queue.failQueued();
    }
  }

  private void handOver(HandedSend s) {
    Future<RecordMetadata> f;
    try {
      f = producer.send(s.record, s.callback);
    } catch (RuntimeException e) {
      queue.release(s.bytes);
      // What the producer throws instead of calling back (closed, interrupted, a fatal client error):
      // reported as a failed send, which the commit's check turns into the container's failure.
      s.fail(e);
      if (e instanceof InterruptException) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    queue.release(s.bytes);
    s.handed(f);
  }
}
