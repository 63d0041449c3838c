package io.strand.changelog;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@link ChangelogClients} from plain client properties per system (bootstrap servers, security
 * settings) and the container's producers. Consumers get byte-array deserializers,
 * {@code enable.auto.commit=false} and no group.
 *
 * <p>Threading: immutable; safe from any thread.
 */
public final class KafkaChangelogClients implements ChangelogClients {

  private final Function<String, Map<String, Object>> clientProperties;
  private final Function<String, Producer<byte[], byte[]>> producers;

  /**
   * Creates clients per system.
   *
   * @param clientProperties the common client settings of a system (at least
   *     {@code bootstrap.servers})
   * @param producers the container's shared producer of a system
   */
  public KafkaChangelogClients(Function<String, Map<String, Object>> clientProperties,
      Function<String, Producer<byte[], byte[]>> producers) {
    this.clientProperties = Objects.requireNonNull(clientProperties, "clientProperties");
    this.producers = Objects.requireNonNull(producers, "producers");
  }

  /**
   * Every system on one cluster, through one producer: the local runner's and the tests' case.
   *
   * @param bootstrapServers {@code host:port[,host:port]}
   * @param producer the shared producer
   * @return the clients
   */
  public static KafkaChangelogClients singleCluster(String bootstrapServers, Producer<byte[], byte[]> producer) {
    Map<String, Object> props = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return new KafkaChangelogClients(system -> props, system -> producer);
  }

  @Override
  public Producer<byte[], byte[]> producer(String system) {
    return producers.apply(system);
  }

  @Override
  public Consumer<byte[], byte[]> newConsumer(String system, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>(clientProperties.apply(system));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.putAll(overrides);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Admin newAdmin(String system) {
    return Admin.create(new HashMap<>(clientProperties.apply(system)));
  }
}
