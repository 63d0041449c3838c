package io.strand.benchmarks.data;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Settings of the harness's own Kafka clients (loaders, output checks, the latency probe), not of
 * the engines under test ({@link ClientSettings} holds those): byte arrays, no consumer group
 * commits, and producers with {@code acks=1} and no idempotence (an idempotent producer once
 * stalled for its whole delivery timeout on a topic created a moment before). Callers add what
 * their use needs.
 *
 * <p>Threading: stateless.
 */
public final class HarnessClients {

  private HarnessClients() {
  }

  /**
   * @param bootstrapServers the broker
   * @return byte-array consumer properties, auto commit off
   */
  public static Properties consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }

  /**
   * @param bootstrapServers the broker
   * @return byte-array producer properties: {@code acks=1}, no idempotence, lz4, 256 KiB batches
   */
  public static Properties producer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    return p;
  }

  /**
   * A loading producer (input data, the restore changelog).
   *
   * @param bootstrapServers the broker
   * @param keepOrder one request in flight, so retries cannot reorder a partition (a changelog of
   *     running counts must never go backwards); the input loader does not need it
   * @return {@link #producer} with 10 ms linger and a 128 MiB buffer
   */
  public static Properties loader(String bootstrapServers, boolean keepOrder) {
    Properties p = producer(bootstrapServers);
    if (keepOrder) {
      p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    }
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
    return p;
  }
}
