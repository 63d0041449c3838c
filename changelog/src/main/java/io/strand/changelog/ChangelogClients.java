package io.strand.changelog;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka clients the changelog module needs, per system ({@code systems.<s>.*}): the container
 * supplies them, so its own client settings (bootstrap servers, security) apply unchanged and
 * this module never depends on the container.
 *
 * <p>Threading: implementations must allow calls from several restore threads at once.
 */
public interface ChangelogClients {

  /**
   * The container's shared producer for a system, the one its outputs go through. The changelog
   * module sends through it but never flushes or closes it.
   *
   * @param system the system name
   * @return the producer
   */
  Producer<byte[], byte[]> producer(String system);

  /**
   * A new consumer of byte arrays for a restore; the caller closes it. It must have no
   * {@code group.id} (partitions are assigned, never subscribed) and must apply {@code overrides}
   * over the system's own settings.
   *
   * @param system the system name
   * @param overrides restore tuning (batch sizes, isolation level, client id)
   * @return the consumer
   */
  Consumer<byte[], byte[]> newConsumer(String system, Map<String, Object> overrides);

  /**
   * A new admin client; the caller closes it.
   *
   * @param system the system name
   * @return the admin client
   */
  Admin newAdmin(String system);
}
