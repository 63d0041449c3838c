package io.strand.container.output;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * The queue between the threads that send through a {@link SendHandOff} and its sender thread:
 * bounded by records and by bytes, and the way the sender thread waits on it and is woken.
 *
 * <p>Bounds: at most {@code capacity} records, and at most {@code maxBytes} bytes of them (by
 * their size bounds, {@link RecordSizes#upperBound}), wait here; a full queue blocks {@link #put}
 * until the sender thread catches up, as a full {@code buffer.memory} blocks the producer's own
 * {@code send}. A record's bytes stay reserved until the sender thread {@linkplain #release
 * releases} them after handing it to the producer.
 *
 * <p>Waiting: while records come, the sender thread takes them in batches ({@link #drain}),
 * pausing {@value #PAUSE_NANOS} ns when it finds none (a record waits at most about that long
 * before it reaches the producer, against the producer's own {@code linger.ms}); once the queue
 * stayed empty for the idle time ({@code strand.producer.send.thread.idle.us}, default 300 µs,
 * {@link SendHandOff#DEFAULT_IDLE_NANOS}) it waits to be woken by the next {@link #put}, which wakes
 * it at once. The idle time was 5 ms until session 13: a run loop that polls a low-rate input gets
 * a burst every fetch (a few ms apart at 20 k records/s), so the sender thread never went idle and
 * woke every ~0.1 ms between bursts, thousands of times a second on a two-core machine the job
 * shares with the broker. At 300 µs it sleeps between bursts and is woken once per burst; a busy
 * job's queue is seldom empty that long, so its sends wake nothing. Only a producer fed less than
 * about one record per 300 µs is woken per record, where a wake-up costs little against the rate.
 *
 * <p>Threading: {@link #put}, {@link #offerMarker} and {@link #failQueued} from any thread;
 * {@link #drain} only on the sender thread ({@link #drainedBy}).
 */
final class SendQueue {

  /** The sender thread's pause when it found nothing queued, ns: records gather meanwhile. */
  private static final long PAUSE_NANOS = 100_000;

  private final ArrayBlockingQueue<HandedSend> queue;
  /** Bytes the queue may still take (size bounds of the queued records): the byte bound. */
  private final Semaphore room;
  /** Empty drains in a row (pauses of {@value #PAUSE_NANOS} ns) after which the sender thread waits to be woken. */
  private final int pausesBeforeIdle;
  /** Empty drains in a row so far; the sender thread's only. */
  private int emptyDrains;
  /** Set once before the sender thread starts; volatile for the putting threads, which may not see it start. */
  private volatile Thread sender;
  /** Set by the sender thread when it stops; what is queued after is failed by whoever sees it. */
  private volatile boolean stopped;
  /** Set by the sender thread while it waits to be woken (nothing queued for a while). */
  private volatile boolean idle;

  /**
   * @param capacity records the queue holds
   * @param maxBytes bytes of size bounds the queue holds (the producer's {@code buffer.memory})
   * @param idleAfterNanos how long the queue stays empty before the sender thread stops pausing and
   *     waits to be woken by the next send, ns (rounded up to whole pauses of {@value #PAUSE_NANOS} ns, at least one)
   */
  SendQueue(int capacity, long maxBytes, long idleAfterNanos) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.room = new Semaphore((int) Math.min(maxBytes, Integer.MAX_VALUE));
    this.pausesBeforeIdle = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (idleAfterNanos + PAUSE_NANOS - 1) / PAUSE_NANOS));
  }

  /**
   * Names the thread that drains this queue, which puts wake; before it starts.
   *
   * @param thread the sender thread
   */
  void drainedBy(Thread thread) {
    this.sender = thread;
  }

  /**
   * Queues a record (taking room for its size bound first) or a flush marker (no record; it wakes
   * the sender thread, since a flush waits on it), waiting while the queue is full.
   *
   * @param s the record or marker
   * @throws IllegalStateException if the sender thread has stopped
   * @throws InterruptException if interrupted while the queue is full
   */
  void put(HandedSend s) {
    if (s.record != null) {
      reserve(s.bytes);
    }
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

  /** Takes room for a record of the given size bound, waiting while the queue holds too many bytes. */
  private void reserve(int bytes) {
    try {
      // Bounded waits, as in put: a stopped sender thread frees no room.
      while (!room.tryAcquire(bytes, 100, TimeUnit.MILLISECONDS)) {
        if (stopped) {
          throw new IllegalStateException("the send thread of this producer has stopped");
        }
      }
    } catch (InterruptedException e) {
      throw new InterruptException(e);
    }
  }

  /**
   * Queues a close's marker within the given time and wakes the sender thread (it may be idle).
   *
   * @param marker a marker (no record)
   * @param timeoutNanos how long to wait for room, ns
   * @return false if the queue stayed full
   * @throws InterruptedException if interrupted while waiting
   */
  boolean offerMarker(HandedSend marker, long timeoutNanos) throws InterruptedException {
    if (!queue.offer(marker, timeoutNanos, TimeUnit.NANOSECONDS)) {
      return false;
    }
    LockSupport.unpark(sender);
    return true;
  }

  /**
   * Moves up to {@code max} queued records and markers into {@code into}, in queue order. When
   * there are none it pauses, or after the idle time waits to be woken, and returns 0: the caller
   * checks its interrupt and drains again.
   *
   * @param into where the records go
   * @param max the most to take
   * @return how many were taken
   */
  int drain(List<HandedSend> into, int max) {
    int n = queue.drainTo(into, max);
    if (n > 0) {
      emptyDrains = 0;
      return n;
    }
    // Nothing queued: pause instead of waiting for a signal. A task thread that woke this thread at
    // every record would pay a futex wake-up per send (as much as the append it hands over)
    // whenever this thread keeps up; after a pause it finds a batch. Only once the queue stayed
    // empty for a while does it wait to be woken (an idle job costs no wake-ups), and only then do
    // puts wake it.
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
    return 0;
  }

  /**
   * Gives back the room of a record handed to the producer (or failed).
   *
   * @param bytes its size bound
   */
  void release(int bytes) {
    room.release(bytes);
  }

  /** Marks the sender thread stopped: puts from now on fail what they queued. */
  void stop() {
    stopped = true;
  }

  /**
   * Whether the sender thread has stopped.
   *
   * @return true once {@link #stop} was called
   */
  boolean stopped() {
    return stopped;
  }

  /** Fails and removes whatever is queued, giving back its room. */
  void failQueued() {
    HandedSend s;
    while ((s = queue.poll()) != null) {
      room.release(s.bytes);
      s.fail(new KafkaException("the producer was closed before the record was sent"));
    }
  }
}
