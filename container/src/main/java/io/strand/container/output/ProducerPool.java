package io.strand.container.output;

import io.strand.config.ConfigException;
import io.strand.container.kafka.KafkaSystems;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * The container's producers, one per Kafka system it sends to, created on first use. Every send
 * goes through {@link #callback()}, one shared instance (no allocation per send) that remembers
 * the first failed send; the commit path calls {@link #flush()}, which waits for every
 * acknowledgement and then throws if any send since the start failed, so no checkpoint ever covers
 * lost output.
 *
 * <p>Threading: thread-safe; producers are shared by every task thread.
 */
public final class ProducerPool implements AutoCloseable {

  private final KafkaSystems systems;
  private final String clientIdPrefix;
  private final Map<String, Producer<byte[], byte[]>> producers = new ConcurrentHashMap<>();
  private final AtomicReference<SendFailure> firstFailure = new AtomicReference<>();
  private final Callback callback = this::onCompletion;
  private volatile boolean closed;

  /** A failed send: where it was going and why. */
  private record SendFailure(String destination, Exception error) { }

  /**
   * A pool over the job's systems.
   *
   * @param systems the job's Kafka systems
   * @param clientIdPrefix prefix of the producers' client ids, naming job and container
   */
  public ProducerPool(KafkaSystems systems, String clientIdPrefix) {
    this.systems = systems;
    this.clientIdPrefix = clientIdPrefix;
  }

  /**
   * The producer of one system, created on first call.
   *
   * @param system the system name
   * @return the producer, owned by this pool
   * @throws IllegalArgumentException if the system is not configured
   * @throws IllegalStateException if the pool is closed
   */
  public Producer<byte[], byte[]> forSystem(String system) {
    Producer<byte[], byte[]> p = producers.get(system);
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("producers of " + clientIdPrefix + " are closed");
      }
      return producers.computeIfAbsent(system, this::create);
    }
  }

  private KafkaProducer<byte[], byte[]> create(String system) {
    try {
      return systems.get(system).newProducer(clientIdPrefix + "-producer-" + system, Map.of());
    } catch (ConfigException e) {
      throw new IllegalArgumentException("cannot send to system '" + system + "': " + e.getMessage(), e);
    }
  }

  /**
   * The callback to pass with every send.
   *
   * @return one shared callback
   */
  public Callback callback() {
    return callback;
  }

  private void onCompletion(RecordMetadata metadata, Exception error) {
    if (error != null) {
      String where = metadata == null ? "a topic" : metadata.topic() + " partition " + metadata.partition();
      recordFailure(where, error);
    }
  }

  /**
   * Records a failed send made with a callback of the caller's own (the shared one records its
   * failures itself), so the next {@link #flush()} throws; only the first failure is kept.
   *
   * @param destination what the send was for, for the error message (for example
   *     {@code dead-letter stream kafka.dlq (the record at ...)})
   * @param error the producer's error
   */
  public void recordFailure(String destination, Exception error) {
    firstFailure.compareAndSet(null, new SendFailure(destination, error));
  }

  /**
   * Flushes every producer and waits for every acknowledgement.
   *
   * @throws SendFailedException if any send since the pool was created failed
   */
  public void flush() {
    for (Producer<byte[], byte[]> p : producers.values()) {
      p.flush();
    }
    checkNoFailure();
  }

  /**
   * Throws if any send has failed so far, without flushing.
   *
   * @throws SendFailedException naming the destination and the error of the first failed send
   */
  public void checkNoFailure() {
    SendFailure f = firstFailure.get();
    if (f != null) {
      // Too large for the broker (the topic's max.message.bytes) after it was sent: the sending
      // task is not known any more, but the fix is.
      String advice = f.error() instanceof RecordTooLargeException
          ? "; raise the topic's max.message.bytes (and the producer's max.request.size) or send smaller records" : "";
      throw new SendFailedException("a send to " + f.destination() + " failed: " + f.error() + advice, f.error());
    }
  }

  /**
   * Closes every producer.
   *
   * @param timeout how long to let pending sends finish; zero on failure paths
   */
  public void close(Duration timeout) {
    synchronized (this) {
      closed = true;
    }
    for (Producer<byte[], byte[]> p : producers.values()) {
      p.close(timeout);
    }
    producers.clear();
  }

  /** Closes every producer, giving pending sends up to 30 s. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
