package io.strand.container.output;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * Ends the producers' linger once the job has drained its input: what they hold is sent at once
 * instead of after {@code linger.ms}. Strand's producers linger {@code 20} ms by default
 * ({@code KafkaSystem}), so that a busy job sends full batches and opens few of them; but a job
 * that has caught up with its input has nothing more coming to fill them, and each of its records
 * would wait out the linger before it is even sent. So the linger is a throughput setting that
 * costs latency exactly when there is no throughput to gain: cutting it when the run loop finds
 * its input drained keeps the batching under load and the latency of a job that keeps up.
 *
 * <p>A Kafka producer has no call that only ends the linger; {@code flush()} does (every batch
 * becomes sendable at once) and then waits for the acknowledgements, so it runs on this class's
 * own daemon thread, never on the run loop. Requests while one cut is queued are merged into it,
 * so at most one cut waits and one runs. A cut changes nothing a commit relies on: the commit's own
 * flush still waits for every send before its barrier, and a failed send is still recorded by the
 * pool's callback and thrown by the next commit (a cut ignores what {@code flush()} throws).
 *
 * <p>Threading: {@link #request()} from any thread (the run loop's); the flushes on the cut's thread.
 */
final class LingerCut implements AutoCloseable {

  private final Supplier<Collection<Producer<byte[], byte[]>>> producers;
  private final ExecutorService thread;
  private final AtomicBoolean queued = new AtomicBoolean();

  /**
   * @param producers the producers whose linger is worth cutting, read at each cut
   * @param threadName the cut thread's name
   */
  LingerCut(Supplier<Collection<Producer<byte[], byte[]>>> producers, String threadName) {
    this.producers = producers;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Asks for the producers' batches to be sent now; returns at once. */
  void request() {
    if (queued.compareAndSet(false, true)) {
      try {
        thread.execute(this::cut);
      } catch (RejectedExecutionException e) {
        // Closed: the producers are closing too, and send what they hold.
      }
    }
  }

  private void cut() {
    queued.set(false);
    for (Producer<byte[], byte[]> p : producers.get()) {
      try {
        p.flush();
      } catch (RuntimeException e) {
        // A failed send is recorded by the pool's callback and thrown by the next commit; a
        // producer closing under the cut has nothing left to send.
      }
    }
  }

  /** Stops the cut thread; a cut under way is interrupted (the producers close next). */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
