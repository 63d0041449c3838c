package io.strand.container.output;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Bounds: at most {@code capacity} records, and at most {@code buffer.memory} bytes of them
 * (by the size bound above), wait on the queue; a full queue blocks {@link #send} until the sender
 * thread catches up, as a full {@code buffer.memory} blocks the producer's own {@code send}. So a
 * producer with its hand-off holds at most twice its {@code buffer.memory}, whatever the records'
 * sizes. Latency: while records come, the sender thread takes them in
 * batches, pausing {@value #PAUSE_NANOS} ns when it finds none (a record waits at most about that
 * long before it reaches the producer, against the producer's own {@code linger.ms}); once the
 * queue stayed empty for the idle time ({@code strand.producer.send.thread.idle.us}, default 300 µs)
 * it waits to be woken by the next send, which wakes it at once. The idle time was 5 ms until
 * session 13: a run loop that polls a low-rate input gets a burst every fetch (a few ms apart at
 * 20 k records/s), so the sender thread never went idle and woke every ~0.1 ms between bursts,
 * thousands of times a second on a two-core machine the job shares with the broker. At 300 µs it
 * sleeps between bursts and is woken once per burst; a busy job's queue is seldom empty that long,
 * so its sends wake nothing. Only a producer fed less than about one record per 300 µs is woken per
 * record, where a wake-up costs little against the rate.
 *
 * <p>Threading: {@link #send} and {@link #flush} from any thread; the wrapped producer's
 * {@code send} only on the sender thread; callbacks on the producer's I/O thread (or the sender
 * thread, for a send its producer refused).
 */
final class SendHandOff implements Producer<byte[], byte[]> {

  private static final Logger LOG = LoggerFactory.getLogger(SendHandOff.class);
  /** Records the sender thread takes from the queue at once. */
  private static final int DRAIN_MAX = 256;
  /** The sender thread's pause when it found nothing queued, ns: records gather meanwhile. */
  private static final long PAUSE_NANOS = 100_000;
  /**
   * Default of how long the queue stays empty before the sender thread waits to be woken, ns
   * ({@code strand.producer.send.thread.idle.us}, {@link ProducerPool#SEND_IDLE_US}).
   */
  static final long DEFAULT_IDLE_NANOS = 300_000;
  private static final CompletableFuture<RecordMetadata> HANDED_MARKER = CompletableFuture.completedFuture(null);

  private final Producer<byte[], byte[]> producer;
  /** Empty drains in a row (pauses of {@value #PAUSE_NANOS} ns) after which the sender thread waits to be woken. */
  private final int pausesBeforeIdle;
  private final int maxRequestSize;
  private final long bufferMemory;
  private final ArrayBlockingQueue<HandedSend> queue;
  /** Bytes the queue may still take (size bounds of the queued records): the byte bound. */
  private final Semaphore room;
  private final Thread sender;
  private volatile boolean closed;
  /** Set by the sender thread when it stops; what is queued after is failed by whoever sees it. */
  private volatile boolean stopped;
  /** Set by the sender thread while it waits to be woken (nothing queued for a while). */
  private volatile boolean idle;

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
   *     waits to be woken by the next send, ns (rounded up to whole pauses of {@value #PAUSE_NANOS} ns, at least one)
   */
  SendHandOff(Producer<byte[], byte[]> producer, int maxRequestSize, long bufferMemory, int capacity,
      String threadName, long idleAfterNanos) {
    this.producer = producer;
    this.pausesBeforeIdle = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (idleAfterNanos + PAUSE_NANOS - 1) / PAUSE_NANOS));
    this.maxRequestSize = maxRequestSize;
    this.bufferMemory = bufferMemory;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.room = new Semaphore((int) Math.min(bufferMemory, Integer.MAX_VALUE));
    this.sender = new Thread(this::run, threadName);
    sender.setDaemon(true);
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
    reserve(size);
    HandedSend s = new HandedSend(record, callback, size);
    enqueue(s);
    return s;
  }

  private Future<RecordMetadata> tooLarge(ProducerRecord<byte[], byte[]> record,
      Callback callback, int size) {
    RecordTooLargeException e = RecordSizes.tooLarge(size, maxRequestSize);
    if (callback != null) {
      callback.onCompletion(unsent(record), e);
    }
    return CompletableFuture.failedFuture(e);
  }

  private static RecordMetadata unsent(ProducerRecord<byte[], byte[]> record) {
    return new RecordMetadata(new TopicPartition(record.topic(), record.partition() == null ? -1 : record.partition()),
        -1, -1, -1, -1, -1);
  }

  /** Takes room for a record of the given size bound, waiting while the queue holds too many bytes. */
  private void reserve(int bytes) {
    try {
      // Bounded waits, as in enqueue: a stopped sender thread frees no room.
      while (!room.tryAcquire(bytes, 100, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          throw new IllegalStateException("the send thread of this producer has stopped");
        }
      }
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    }
  }

  private void enqueue(HandedSend s) {
    try {
      // Bounded waits, so a sender thread that stopped while the queue was full cannot leave the
      // caller blocked for good.
      while (!queue.offer(s, 100, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          throw new IllegalStateException("the send thread of this producer has stopped");
        }
      }
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    }
    // Paired with the sender's write of `idle` then read of the queue: either it sees this record,
    // or this sees it idle and wakes it. A flush marker always wakes it: a commit waits on it.
    if (idle || s.record == null) {
      LockSupport.unpark(sender);
    }
    if (stopped) {
      failQueued(); // it may have drained the queue just before this was put
    }
  }

  private void run() {
    List<HandedSend> batch = new ArrayList<>(DRAIN_MAX);
    int emptyDrains = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (queue.drainTo(batch, DRAIN_MAX) == 0) {
          // Nothing queued: pause instead of waiting for a signal. A task thread that woke this
          // thread at every record would pay a futex wake-up per send (as much as the append it
          // hands over) whenever this thread keeps up; after a pause it finds a batch. Only once
          // the queue stayed empty for a while does it wait to be woken (an idle job costs no
          // wake-ups), and only then do senders wake it ({@link #enqueue}).
          if (++emptyDrains < pausesBeforeIdle) {
            LockSupport.parkNanos(this, PAUSE_NANOS);
          } else {
            idle = true;
            if (queue.isEmpty()) {
              LockSupport.park(this);
            }
            idle = false;
            emptyDrains = 0;
          }
          continue;
        }
        emptyDrains = 0;
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
      stopped = true;
      for (HandedSend s : batch) {
        if (s.sent == null) {
          fail(s, new KafkaException("the producer was closed before the record was sent"));
        }
      }
      failQueued();
    }
  }

  private void handOver(HandedSend s) {
    Future<RecordMetadata> f;
    try {
      f = producer.send(s.record, s.callback);
    } catch (RuntimeException e) {
      room.release(s.bytes);
      // What the producer throws instead of calling back (closed, interrupted, a fatal client error):
      // reported as a failed send, which the commit's check turns into the container's failure.
      fail(s, e);
      if (e instanceof InterruptException) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    room.release(s.bytes);
    s.handed(f);
  }

  private static void fail(HandedSend s, Exception e) {
    if (s.callback != null && s.record != null) {
      try {
        s.callback.onCompletion(unsent(s.record), e);
      } catch (RuntimeException ignored) {
        // A callback's own failure must not keep the others from running.
      }
    }
    s.handed(CompletableFuture.failedFuture(e));
  }

  private void failQueued() {
    HandedSend s;
    while ((s = queue.poll()) != null) {
      room.release(s.bytes);
      fail(s, new KafkaException("the producer was closed before the record was sent"));
    }
  }

  /**
   * Waits until every record handed over before this call is in the producer, then flushes it.
   *
   * @throws InterruptException if interrupted
   */
  @Override
  public void flush() {
    HandedSend marker = new HandedSend(null, null, 0);
    enqueue(marker);
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
      if (!timeout.isZero() && !stopped) {
        HandedSend marker = new HandedSend(null, null, 0);
        if (queue.offer(marker, timeoutNanos, TimeUnit.NANOSECONDS)) {
          LockSupport.unpark(sender); // it may be idle, waiting to be woken
          long left = deadline - System.nanoTime();
          marker.waiting = true;
          synchronized (marker) {
            while (!marker.isDone() && left > 0) {
              TimeUnit.NANOSECONDS.timedWait(marker, left);
              left = deadline - System.nanoTime();
            }
          }
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
    failQueued();
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
