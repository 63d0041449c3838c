package io.strand.container.kafka;

import io.strand.config.Config;
import io.strand.config.view.DeliveryGuarantee;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One named Kafka system of a job ({@code systems.<name>.*}): makes its consumers, producers and
 * admin clients. {@code systems.<name>.consumer.*} and {@code systems.<name>.producer.*} are
 * passed through to the clients as they are (so {@code security.protocol}, {@code sasl.*} and
 * {@code ssl.*} work), over Strand's defaults. The bootstrap servers may be given under either
 * prefix; each side falls back to the other's, as Samza users set only the producer's.
 *
 * <p>Defaults, each overridable under the prefixes above:
 * <ul>
 *   <li>producers: {@code acks=all}, {@code enable.idempotence=true}, {@code compression.type=lz4},
 *       {@code linger.ms=20}, {@code batch.size=262144} (bytes). The linger is what bounds how
 *       often batches are opened: the producer keeps one open batch per partition, and whenever
 *       one is due it sends every partition's, so a job writing many partitions (outputs times
 *       their partitions, plus a changelog partition per store and task) opens one batch per
 *       partition per send. Each batch opens an lz4 stream with two 64 KiB buffers on the sending
 *       (task) thread; at {@code linger.ms=5} the flights sample spent half of its run loop's
 *       allocation there. 20 ms opens a quarter as many; consumers already wait up to
 *       {@code fetch.max.wait.ms=50} for a fetch, so end-to-end latency stays in the same range.
 *       Once the job has drained its input the container ends the linger at once
 *       ({@code ProducerPool.sendLingering}), so a job that keeps up does not wait it out.
 *       A latency-sensitive job sets a lower {@code linger.ms} (and {@code fetch.min.bytes});</li>
 *   <li>consumers: {@code enable.auto.commit=false} (Strand checkpoints offsets itself),
 *       {@code auto.offset.reset=none} (Strand always seeks to a computed offset),
 *       {@code allow.auto.create.topics=false} (reading a missing input must not create it),
 *       and batches for throughput: {@code max.poll.records=10000},
 *       {@code fetch.min.bytes=65536} with {@code fetch.max.wait.ms=50} (a quiet partition
 *       delays a poll by at most 50 ms), {@code max.partition.fetch.bytes=4194304}.</li>
 * </ul>
 * Under {@code task.delivery.guarantee=exactly-once} every consumer reads
 * {@code isolation.level=read_committed} (the validator rejects another value).
 * Key and value (de)serializers are always byte arrays (Strand applies serdes itself), and a
 * consumer never has a {@code group.id} (Strand assigns partitions itself; offsets are mirrored to
 * the job's group by {@code ConsumerGroupOffsets}).
 *
 * <p>Threading: immutable; the clients it makes follow Kafka's own threading rules (a consumer
 * belongs to one thread).
 */
public final class KafkaSystem {

  private static final String ZOOKEEPER_CONNECT = "zookeeper.connect";

  private final String name;
  private final Map<String, Object> consumerProps;
  private final Map<String, Object> producerProps;

  /**
   * Reads system {@code name} from the job config: its {@code consumer.*} and {@code producer.*}
   * pass-through keys, each side's bootstrap servers falling back to the other's. A Samza
   * properties file's {@code zookeeper.connect} is dropped, and its {@code auto.offset.reset}
   * values {@code largest} / {@code smallest} are read as {@code latest} / {@code earliest}, as
   * Samza's Kafka system did.
   *
   * @param name the system name, for example {@code kafka}
   * @param config the whole job config
   * @return the system
   * @throws io.strand.config.ConfigException if neither {@code systems.<name>.consumer.bootstrap.servers}
   *     nor {@code systems.<name>.producer.bootstrap.servers} is set
   */
  public static KafkaSystem fromConfig(String name, Config config) {
    SystemConfig systems = new SystemConfig(config);
    Map<String, String> consumer = new HashMap<>(systems.getConsumerConfig(name).asMap());
    Map<String, String> producer = new HashMap<>(systems.getProducerConfig(name).asMap());
    // Samza's properties carry these for its old ZooKeeper-based consumer; Kafka clients need none
    // (validation logs that they are ignored), and Samza read its old reset values as Kafka's.
    consumer.remove(ZOOKEEPER_CONNECT);
    producer.remove(ZOOKEEPER_CONNECT);
    consumer.computeIfPresent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, (k, v) -> switch (v.trim()) {
      case "largest" -> "latest";
      case "smallest" -> "earliest";
      default -> v;
    });
    String bootstrap = consumer.getOrDefault(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    if (bootstrap == null || bootstrap.isBlank()) {
      throw config.problem(SystemConfig.systemKey(name, "producer.bootstrap.servers"),
          "system '" + name + "' has no bootstrap servers; expected host:port[,host:port] under "
              + "systems." + name + ".producer.bootstrap.servers or systems." + name + ".consumer.bootstrap.servers");
    }
    consumer.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    producer.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    if (new TaskConfig(config).getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
      // Inputs, changelogs, checkpoints and the coordinator stream are read as committed: records of
      // aborted transactions (a crashed or fenced container's) must never be processed or restored.
      consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      // One produce request in flight per broker, unless the job sets its own. A transaction's first
      // produce to a partition often gets CONCURRENT_TRANSACTIONS while the previous commit's markers
      // are written (transactions V2 verifies the partition on the produce itself). A Kafka 4.4 broker
      // with no state for the producer on that partition then appends the producer's next in-flight
      // request, and every retry of the first gets OUT_OF_ORDER_SEQUENCE_NUMBER until
      // delivery.timeout.ms: a 2-minute stall, an aborted transaction and a container restart
      // (KAFKA-15591, fixed in Kafka 4.5). With one request in flight nothing can overtake the retry.
      producer.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    }
    return new KafkaSystem(name, consumer, producer);
  }

  /**
   * A system from its clients' pass-through properties, laid over Strand's defaults.
   *
   * @param name the system name
   * @param consumer {@code systems.<name>.consumer.*} with the prefix removed; must name
   *     {@code bootstrap.servers}
   * @param producer {@code systems.<name>.producer.*} with the prefix removed; must name
   *     {@code bootstrap.servers}
   */
  public KafkaSystem(String name, Map<String, String> consumer, Map<String, String> producer) {
    this.name = name;
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
    c.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536");
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(4 * 1024 * 1024));
    c.putAll(consumer);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumerProps = Map.copyOf(c);

    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.putAll(producer);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producerProps = Map.copyOf(p);
  }

  /**
   * The system's name.
   *
   * @return the name, as in {@code systems.<name>.*}
   */
  public String name() {
    return name;
  }

  /**
   * The bootstrap servers the clients connect to.
   *
   * @return {@code host:port[,host:port]}
   */
  public String bootstrapServers() {
    return (String) producerProps.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  /**
   * The consumer settings of this system, defaults and pass-through merged (before per-client
   * overrides); for tests and diagnostics. May hold secrets: never log it.
   *
   * @return an immutable map
   */
  Map<String, Object> consumerProperties() {
    return consumerProps;
  }

  /**
   * The producer settings of this system, defaults and pass-through merged; may hold secrets.
   *
   * @return an immutable map
   */
  Map<String, Object> producerProperties() {
    return producerProps;
  }

  /**
   * The producers' {@code linger.ms}, default or set.
   *
   * @return ms; 0 when the value is not a whole number (the producer's own config check names it)
   */
  public long producerLingerMs() {
    try {
      return Long.parseLong(String.valueOf(producerProps.get(ProducerConfig.LINGER_MS_CONFIG)).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The producers' {@code max.request.size}, default or set: the largest record (as the producer
   * estimates its size) they accept.
   *
   * @return bytes; Kafka's default 1048576 when unset or not a whole number
   */
  public int producerMaxRequestSize() {
    return (int) longSetting(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
  }

  /**
   * The producers' {@code buffer.memory}, default or set: a record larger than this is refused too.
   *
   * @return bytes; Kafka's default 33554432 when unset or not a whole number
   */
  public long producerBufferMemory() {
    return longSetting(ProducerConfig.BUFFER_MEMORY_CONFIG, 32L * 1024 * 1024);
  }

  private long longSetting(String key, long defaultValue) {
    Object v = producerProps.get(key);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      return defaultValue;
    }
  }

  /**
   * A new byte-array consumer with no group membership (Strand assigns partitions itself).
   *
   * @param clientId the client id, naming job, container and purpose
   * @param overrides settings laid over the system's (for example {@code isolation.level})
   * @return a consumer the caller owns and must close
   */
  public KafkaConsumer<byte[], byte[]> newConsumer(String clientId, Map<String, Object> overrides) {
    Properties props = new Properties();
    props.putAll(consumerProps);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.putAll(overrides);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaConsumer<>(props);
  }

  /**
   * A new byte-array producer.
   *
   * @param clientId the client id, naming job, container and purpose
   * @param overrides settings laid over the system's (for example {@code transactional.id})
   * @return a producer the caller owns and must close
   */
  public KafkaProducer<byte[], byte[]> newProducer(String clientId, Map<String, Object> overrides) {
    Properties props = new Properties();
    props.putAll(producerProps);
    props.putAll(overrides);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    return new KafkaProducer<>(props);
  }

  /**
   * A new admin client on the same cluster, with the consumer's security settings.
   *
   * @param clientId the client id
   * @return an admin client the caller owns and must close
   */
  public Admin newAdmin(String clientId) {
    Map<String, Object> props = new HashMap<>();
    for (Map.Entry<String, Object> e : consumerProps.entrySet()) {
      if (AdminClientConfig.configNames().contains(e.getKey())) {
        props.put(e.getKey(), e.getValue());
      }
    }
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
    return Admin.create(props);
  }
}
