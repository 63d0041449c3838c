package io.strand.container.output;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A producer whose sends run on a sender thread of its own: {@link #send} checks the record's size
 * as {@code KafkaProducer.send} would, puts it on a bounded queue and returns; one sender thread
 * takes the records in queue order and calls the wrapped producer's {@code send}, where the
 * accumulator append and the batch compression (LZ4 by default) happen. Under at-least-once this
 * moves that work (about 30 % of the run-loop thread in the enrichment benchmark's profile) off the
 * task's thread and onto another core. Key {@code strand.producer.send.thread}
 * ({@link ProducerPool#SEND_THREAD}).
 *
 * <p>What it keeps of the producer's contract:
 * <ul>
 *   <li><b>Order.</b> One queue and one sender thread per producer: records reach the producer in
 *       the order they were handed over, so a partition's records (outputs and changelog writes
 *       alike, which share the producer) keep their order, and a changelog partition's last send
 *       is still its highest offset once acknowledged.</li>
 *   <li><b>Flush.</b> {@link #flush()} puts a marker on the queue, waits until the sender thread
 *       reached it (every record handed over before the call is then in the producer), then
 *       flushes the producer. So the commit's flush still covers every send made before its
 *       barrier, on whichever thread it runs.</li>
 *   <li><b>Too-large records</b> fail within {@link #send}, on the caller's thread, with the
 *       producer's {@link RecordTooLargeException}: the same upper bound of the record's size
 *       (batch header, record overhead, key, value and headers as varint-prefixed bytes) against
 *       {@code max.request.size} and {@code buffer.memory}. As the producer does, the callback is
 *       called with the error and the returned future is already failed.</li>
 *   <li><b>Failures.</b> Errors of the wrapped producer's {@code send} on the sender thread go to
 *       the record's callback (the pool's, which the commit checks) and fail its future.</li>
 *   <li><b>Futures.</b> The returned future completes when the producer's does (after the record's
 *       callback ran); {@code get} first waits for the record to be handed over.</li>
 * </ul>
 * Not for transactional producers: a transaction's commit must see every send made before it, and
 * exactly-once keeps sending in-line ({@link ProducerPool}).
 *
 * <p>Bounds and latency ({@link SendQueue}): at most {@code capacity} records and at most
 * {@code buffer.memory} bytes of them wait to be handed over, so a producer with its hand-off holds
 * at most twice its {@code buffer.memory}; a full queue blocks {@link #send}. While records come,
 * the sender thread ({@link SenderLoop}) takes them in batches; once the queue stayed empty for
 * the idle time it waits to be woken by the next send.
 *
 * <p>Threading: {@link #send} and {@link #flush} from any thread; the wrapped producer's
 * {@code send} only on the sender thread; callbacks on the producer's I/O thread (or the sender
 * thread, for a send its producer refused).
 */
final class SendHandOff implements Producer<byte[], byte[]> {

  /**
   * Default of how long the queue stays empty before the sender thread waits to be woken, ns
   * ({@code strand.producer.send.thread.idle.us}, {@link ProducerPool#SEND_IDLE_US}).
   */
  static final long DEFAULT_IDLE_NANOS = 300_000;

  private final Producer<byte[], byte[]> producer;
  private final int maxRequestSize;
  private final long bufferMemory;
  private final SendQueue queue;
  private final Thread sender;
  private volatile boolean closed;

  /**
   * Wraps a producer and starts its sender thread.
   *
   * @param producer the non-transactional producer to send with; closed by {@link #close}
   * @param maxRequestSize the producer's {@code max.request.size}, bytes
   * @param bufferMemory the producer's {@code buffer.memory}, bytes
   * @param capacity records the queue holds
   * @param threadName the sender thread's name
   */
  SendHandOff(Producer<byte[], byte[]> producer, int maxRequestSize, long bufferMemory, int capacity,
      String threadName) {
    this(producer, maxRequestSize, bufferMemory, capacity, threadName, DEFAULT_IDLE_NANOS);
  }

  /**
   * Wraps a producer and starts its sender thread.
   *
   * @param producer the non-transactional producer to send with; closed by {@link #close}
   * @param maxRequestSize the producer's {@code max.request.size}, bytes
   * @param bufferMemory the producer's {@code buffer.memory}, bytes
   * @param capacity records the queue holds
   * @param threadName the sender thread's name
   * @param idleAfterNanos how long the queue stays empty before the sender thread stops pausing and
   *     waits to be woken by the next send, ns (rounded up to whole pauses of 0.1 ms, at least one)
   */
  SendHandOff(Producer<byte[], byte[]> producer, int maxRequestSize, long bufferMemory, int capacity,
      String threadName, long idleAfterNanos) {
    this.producer = producer;
    this.maxRequestSize = maxRequestSize;
    this.bufferMemory = bufferMemory;
    this.queue = new SendQueue(capacity, bufferMemory, idleAfterNanos);
    this.sender = new Thread(new SenderLoop(queue, producer), threadName);
    sender.setDaemon(true);
    queue.drainedBy(sender);
    sender.start();
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    return send(record, null);
  }

  /**
   * Checks the record's size and hands it to the sender thread.
   *
   * @return the record's future, completed once the producer acknowledged it (or failed); already
   *     failed with {@link RecordTooLargeException} for a record the producer would refuse as too large
   * @throws IllegalStateException if this producer is closed
   * @throws InterruptException if interrupted while the queue is full
   */
  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
    if (closed) {
      throw new IllegalStateException("Cannot perform operation after producer has been closed");
    }
    int size = RecordSizes.upperBound(record);
    if (size > maxRequestSize || size > bufferMemory) {
      return tooLarge(record, callback, size);
    }
    HandedSend s = new HandedSend(record, callback, size);
    queue.put(s);
    return s;
  }

  private Future<RecordMetadata> tooLarge(ProducerRecord<byte[], byte[]> record,
      Callback callback, int size) {
    RecordTooLargeException e = RecordSizes.tooLarge(size, maxRequestSize);
    if (callback != null) {
      callback.onCompletion(HandedSend.unsent(record), e);
    }
    return CompletableFuture.failedFuture(e);
  }

  /**
   * Waits until every record handed over before this call is in the producer, then flushes it.
   *
   * @throws InterruptException if interrupted
   */
  @Override
  public void flush() {
    HandedSend marker = new HandedSend(null, null, 0);
    queue.put(marker);
    try {
      marker.awaitHanded();
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    }
    producer.flush();
  }

  /** Closes with the producer's default wait (as {@code KafkaProducer.close()}). */
  @Override
  public void close() {
    close(Duration.ofMillis(Long.MAX_VALUE));
  }

  /**
   * Lets the sender thread hand over what is queued (within the timeout; nothing on a zero
   * timeout, a failure path), fails what is left, and closes the producer with the time left.
   *
   * @param timeout how long to let queued and pending sends finish
   */
  @Override
  public void close(Duration timeout) {
    closed = true;
    // Capped: KafkaProducer.close() passes Long.MAX_VALUE ms, which has no nanosecond value.
    long timeoutNanos = timeout.compareTo(Duration.ofDays(365)) > 0 ? TimeUnit.DAYS.toNanos(365) : timeout.toNanos();
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      if (!timeout.isZero() && !queue.stopped()) {
        HandedSend marker = new HandedSend(null, null, 0);
        if (queue.offerMarker(marker, timeoutNanos)) {
          marker.awaitDone(deadline - System.nanoTime());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.interrupt();
    try {
      sender.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.failQueued();
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  @Override
  public List<PartitionInfo> partitionsFor(String topic) {
    return producer.partitionsFor(topic);
  }

  @Override
  public Map<MetricName, ? extends Metric> metrics() {
    return producer.metrics();
  }

  @Override
  public Uuid clientInstanceId(Duration timeout) {
    return producer.clientInstanceId(timeout);
  }

  @Override
  public void registerMetricForSubscription(KafkaMetric metric) {
    producer.registerMetricForSubscription(metric);
  }

  @Override
  public void unregisterMetricFromSubscription(KafkaMetric metric) {
    producer.unregisterMetricFromSubscription(metric);
  }

  @Override
  public void initTransactions() {
    throw notTransactional();
  }

  @Override
  public void beginTransaction() {
    throw notTransactional();
  }

  @Override
  public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata groupMetadata) {
    throw notTransactional();
  }

  @Override
  public void commitTransaction() {
    throw notTransactional();
  }

  @Override
  public void abortTransaction() {
    throw notTransactional();
  }

  private static UnsupportedOperationException notTransactional() {
    return new UnsupportedOperationException("a producer with a send thread is not transactional: exactly-once sends"
        + " in-line");
  }
}
