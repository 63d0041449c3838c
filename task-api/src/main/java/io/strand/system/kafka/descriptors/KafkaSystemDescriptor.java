package io.strand.system.kafka.descriptors;

import io.strand.serializers.Serde;
import io.strand.system.descriptors.SystemDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes a Kafka cluster in code, as Samza's {@code KafkaSystemDescriptor}; it stands for the
 * {@code systems.<s>.*} keys a properties file would hold:
 * <ul>
 *   <li>{@code samza.factory=}{@value #FACTORY_CLASS_NAME};</li>
 *   <li>{@link #withProducerBootstrapServers} → {@code producer.bootstrap.servers} (the consumer
 *       falls back to it);</li>
 *   <li>{@link #withConsumerConfigs} / {@link #withProducerConfigs} → {@code consumer.*} /
 *       {@code producer.*}, handed to the Kafka clients;</li>
 *   <li>{@link #withConsumerAutoOffsetReset} → {@code consumer.auto.offset.reset} (Samza's
 *       {@code smallest} / {@code largest} read as {@code earliest} / {@code latest});</li>
 *   <li>{@link #withConsumerZkConnect} → {@code consumer.zookeeper.connect}, accepted for Samza
 *       code and ignored (Kafka clients need no ZooKeeper; validation logs one INFO line).</li>
 * </ul>
 *
 * <p>Threading: a builder; use it from the thread that runs the application's {@code describe}.
 */
public class KafkaSystemDescriptor extends SystemDescriptor<KafkaSystemDescriptor> {

  /** The factory class a Kafka system is declared with, the mirror of Samza's. */
  public static final String FACTORY_CLASS_NAME = "io.strand.system.kafka.KafkaSystemFactory";

  private final Map<String, String> consumerConfigs = new LinkedHashMap<>();
  private final Map<String, String> producerConfigs = new LinkedHashMap<>();
  private List<String> zkConnect = List.of();
  private List<String> producerBootstrapServers = List.of();
  private String consumerAutoOffsetReset;

  /**
   * Creates the descriptor.
   *
   * @param systemName the system name, for example {@code kafka}
   * @throws IllegalArgumentException if the name is blank or holds a {@code .}
   */
  public KafkaSystemDescriptor(String systemName) {
    super(systemName, FACTORY_CLASS_NAME);
  }

  /**
   * An input stream of this system.
   *
   * @param streamId the stream id, also the topic unless {@code withPhysicalName} says otherwise
   * @param serde the serde of its messages
   * @param <StreamMessageType> the message type
   * @return the input descriptor, to configure further and pass to {@code withInputStream}
   */
  public <StreamMessageType> KafkaInputDescriptor<StreamMessageType> getInputDescriptor(String streamId,
      Serde<StreamMessageType> serde) {
    return new KafkaInputDescriptor<>(streamId, serde, this);
  }

  /**
   * An output stream of this system.
   *
   * @param streamId the stream id, also the topic unless {@code withPhysicalName} says otherwise
   * @param serde the serde of its messages
   * @param <StreamMessageType> the message type
   * @return the output descriptor, to pass to {@code withOutputStream}
   */
  public <StreamMessageType> KafkaOutputDescriptor<StreamMessageType> getOutputDescriptor(String streamId,
      Serde<StreamMessageType> serde) {
    return new KafkaOutputDescriptor<>(streamId, serde, this);
  }

  /**
   * Samza's ZooKeeper connection for old consumers. Accepted so Samza code compiles and
   * ignored: Strand's Kafka clients reach the brokers through bootstrap servers.
   *
   * @param zkConnect ZooKeeper {@code host:port} entries
   * @return this descriptor
   */
  public KafkaSystemDescriptor withConsumerZkConnect(List<String> zkConnect) {
    this.zkConnect = List.copyOf(zkConnect);
    return this;
  }

  /**
   * What the consumer does when a checkpointed offset is no longer in the topic:
   * {@code consumer.auto.offset.reset}.
   *
   * @param autoOffsetReset {@code earliest}/{@code smallest} or {@code latest}/{@code largest}
   * @return this descriptor
   */
  public KafkaSystemDescriptor withConsumerAutoOffsetReset(String autoOffsetReset) {
    this.consumerAutoOffsetReset = Objects.requireNonNull(autoOffsetReset, "autoOffsetReset");
    return this;
  }

  /**
   * Kafka consumer settings: {@code systems.<s>.consumer.<key>}.
   *
   * @param configs consumer property to value
   * @return this descriptor
   */
  public KafkaSystemDescriptor withConsumerConfigs(Map<String, String> configs) {
    consumerConfigs.putAll(configs);
    return this;
  }

  /**
   * The brokers: {@code systems.<s>.producer.bootstrap.servers}, which the consumer and admin
   * clients use too unless {@code consumer.bootstrap.servers} is set.
   *
   * @param bootstrapServers {@code host:port} entries
   * @return this descriptor
   */
  public KafkaSystemDescriptor withProducerBootstrapServers(List<String> bootstrapServers) {
    this.producerBootstrapServers = List.copyOf(bootstrapServers);
    return this;
  }

  /**
   * Kafka producer settings: {@code systems.<s>.producer.<key>}.
   *
   * @param configs producer property to value
   * @return this descriptor
   */
  public KafkaSystemDescriptor withProducerConfigs(Map<String, String> configs) {
    producerConfigs.putAll(configs);
    return this;
  }

  @Override
  public Map<String, String> toConfig() {
    Map<String, String> config = super.toConfig();
    if (!zkConnect.isEmpty()) {
      config.put(systemKey("consumer.zookeeper.connect"), String.join(",", zkConnect));
    }
    if (consumerAutoOffsetReset != null) {
      config.put(systemKey("consumer.auto.offset.reset"), consumerAutoOffsetReset);
    }
    consumerConfigs.forEach((k, v) -> config.put(systemKey("consumer." + k), v));
    if (!producerBootstrapServers.isEmpty()) {
      config.put(systemKey("producer.bootstrap.servers"), String.join(",", producerBootstrapServers));
    }
    producerConfigs.forEach((k, v) -> config.put(systemKey("producer." + k), v));
    return config;
  }
}
