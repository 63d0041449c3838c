package io.strand.samples.flights;

import io.strand.config.Config;
import io.strand.serializers.JsonSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The airports table for {@link FlightDelayApp}: the {@code airports} topic
 * ({@value FlightDelayTask#AIRPORTS_STREAM}) read to the end it has when called, latest row per
 * code, tombstones removing. The task version gets the same table as a bootstrap broadcast stream
 * into a store; the streams API gets tables in its part 2.
 *
 * <p>Threading: stateless; each call uses its own consumer.
 */
final class AirportTable {

  private static final Duration POLL = Duration.ofMillis(500);

  private AirportTable() {
  }

  /**
   * Reads the table.
   *
   * @param config the job config: {@code systems.kafka.consumer.bootstrap.servers} (else the
   *     producer's) and the stream name
   * @return airports by IATA code
   * @throws IllegalStateException if no bootstrap servers are configured
   */
  static Map<String, Airport> load(Config config) {
    String bootstrap = config.get("systems.kafka.consumer.bootstrap.servers")
        .or(() -> config.get("systems.kafka.producer.bootstrap.servers"))
        .orElseThrow(() -> config.problem("systems.kafka.producer.bootstrap.servers", "needed to read the airports"));
    String topic = config.get(FlightDelayTask.AIRPORTS_STREAM, FlightTopics.AIRPORTS);
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    JsonSerde<Airport> serde = new JsonSerde<>("airport-json", Airport.class);
    Map<String, Airport> airports = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
             new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
          if (r.value() == null) {
            airports.remove(r.key());
          } else {
            airports.put(r.key(), serde.fromBytes(r.value()));
          }
        }
      }
    }
    return airports;
  }
}
