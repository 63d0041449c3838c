package io.strand.benchmarks.data;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Settings of the harness's own loading producers (input data, the restore changelog): large lz4
 * batches, {@code acks=1} and no idempotence (an idempotent producer once stalled for its whole
 * delivery timeout on a topic created a moment before).
 *
 * <p>Threading: stateless.
 */
final class BulkProducer {

  private BulkProducer() {
  }

  /**
   * @param bootstrapServers the broker
   * @param keepOrder one request in flight, so retries cannot reorder a partition (a changelog
   *     of running counts must never go backwards); the input loader does not need it
   * @return byte-array producer properties
   */
  static Properties props(String bootstrapServers, boolean keepOrder) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    if (keepOrder) {
      p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    }
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
    return p;
  }
}
