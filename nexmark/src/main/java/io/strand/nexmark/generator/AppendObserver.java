package io.strand.nexmark.generator;

/**
 * Told of each send of a generation the broker acknowledged ({@link NexmarkGenerator#generate(
 * org.apache.kafka.clients.producer.Producer, GeneratorConfig, long, io.strand.nexmark.model.EventFormat,
 * AppendObserver)}). Called on the producer's I/O thread, in append order within each partition,
 * right after the acknowledgement arrived; an implementation takes the time itself and must be
 * quick and thread-safe.
 */
@FunctionalInterface
public interface AppendObserver {

  /** The event number given for an end-of-input marker. */
  long END_MARKER = -1;

  /**
   * A send was acknowledged.
   *
   * @param eventNumber the event's number, or {@link #END_MARKER}
   * @param topic its topic
   * @param partition its partition
   * @param eventTimeMs its event time (the record's timestamp), ms since the epoch
   */
  void appended(long eventNumber, String topic, int partition, long eventTimeMs);
}
