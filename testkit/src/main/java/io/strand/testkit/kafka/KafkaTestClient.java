package io.strand.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test helpers for one Kafka cluster: create topics, produce synchronously, read topics from the
 * beginning, and build clients with test defaults.
 *
 * <p>Defaults: producers use {@code acks=all} with idempotence; consumers start at the earliest
 * offset, never auto-commit and read with {@code isolation.level=read_committed}, i.e. they see
 * what a transactional downstream sees. Every {@code *Config} map can be overridden per call.
 *
 * <p>Stateless and thread-safe: each helper opens and closes its own client, so nothing needs
 * closing. Factories ({@link #admin()}, {@link #producer}, {@link #consumer}) hand ownership to
 * the caller. Helpers throw {@link AssertionError} when data does not show up in time, and
 * {@link IllegalStateException} when Kafka rejects a request.
 */
public final class KafkaTestClient {

    /** Default wait of {@link #readAll(String)} and of topic creation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final AtomicLong TOPIC_COUNTER = new AtomicLong();

    private final String bootstrapServers;

    /** @param bootstrapServers {@code host:port[,host:port]} */
    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    }

    /**
     * @param prefix a readable part, e.g. the test name (characters invalid in topic names become '-')
     * @return {@code prefix-<n>-<random hex>}, unique in this JVM and unlikely to clash across JVMs
     */
    public static String uniqueTopicName(String prefix) {
        String clean = prefix.replaceAll("[^A-Za-z0-9._-]", "-");
        return clean + "-" + TOPIC_COUNTER.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** @return the cluster address */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    // ---- client factories -------------------------------------------------------------------

    /** @return a new Admin client; the caller closes it */
    public Admin admin() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(config);
    }

    /** @return a mutable copy of the producer test defaults */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return config;
    }

    /** @return a mutable copy of the consumer test defaults (no {@code group.id}) */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Reading must not create a topic with the broker's default partition count.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    /**
     * @param keySerializer key serializer
     * @param valueSerializer value serializer
     * @param overrides settings replacing the test defaults, e.g. {@code transactional.id}
     * @param <K> key type
     * @param <V> value type
     * @return a new producer; the caller closes it
     */
    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                               Map<String, ?> overrides) {
        Map<String, Object> config = producerConfig();
        config.putAll(overrides);
        return new KafkaProducer<>(config, keySerializer, valueSerializer);
    }

    /** @return a new String producer with the test defaults; the caller closes it */
    public KafkaProducer<String, String> stringProducer() {
        return producer(new StringSerializer(), new StringSerializer(), Map.of());
    }

    /**
     * @param transactionalId the producer's {@code transactional.id}
     * @return a String producer on which {@code initTransactions()} has already been called
     */
    public KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        KafkaProducer<String, String> producer = producer(new StringSerializer(), new StringSerializer(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId));
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        return producer;
    }

    /**
     * @param keyDeserializer key deserializer
     * @param valueDeserializer value deserializer
     * @param overrides settings replacing the test defaults, e.g. {@code group.id}
     * @param <K> key type
     * @param <V> value type
     * @return a new consumer; the caller closes it
     */
    public <K, V> KafkaConsumer<K, V> consumer(Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer,
                                               Map<String, ?> overrides) {
        Map<String, Object> config = consumerConfig();
        config.putAll(overrides);
        return new KafkaConsumer<>(config, keyDeserializer, valueDeserializer);
    }

    /** @param groupId the consumer group
     *  @return a new String consumer in that group; the caller closes it */
    public KafkaConsumer<String, String> stringConsumer(String groupId) {
        return consumer(new StringDeserializer(), new StringDeserializer(),
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, groupId));
    }

    // ---- topics -----------------------------------------------------------------------------

    /** @param name topic name
     *  @param partitions number of partitions
     *  @see #createTopic(TopicSpec) */
    public void createTopic(String name, int partitions) {
        createTopic(TopicSpec.of(name, partitions));
    }

    /**
     * Creates the topic and waits until the broker serves every partition.
     *
     * @param spec name, partitions and configs
     * @throws IllegalStateException if Kafka rejects it (e.g. it exists or a config is invalid)
     */
    public void createTopic(TopicSpec spec) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs())))
                    .all().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, spec);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic '" + spec.name() + "': " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic '" + spec.name() + "' timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic '" + spec.name() + "'", e);
        }
    }

    private static void awaitLeaders(Admin admin, TopicSpec spec) throws InterruptedException {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < spec.partitions(); p++) {
            latest.put(new TopicPartition(spec.name(), p), OffsetSpec.latest());
        }
        // First until metadata knows the topic and names every partition's leader: the admin client
        // logs an ERROR with a stack trace for a ListOffsets on a topic its metadata does not know yet,
        // while a describe of it fails quietly.
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(List.of(spec.name())).allTopicNames()
                        .get(5, TimeUnit.SECONDS).get(spec.name());
                if (d != null && d.partitions().size() >= spec.partitions()
                        && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    break;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not known yet
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("topic '" + spec.name() + "' has no leader for every partition after "
                        + DEFAULT_TIMEOUT.toMillis() + " ms");
            }
            Thread.sleep(20);
        }
        while (true) {
            try {
                // Metadata may name a leader before its replica manager serves the partition (producers
                // then see NOT_LEADER_OR_FOLLOWER); ListOffsets is answered by the leader itself.
                admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    throw new IllegalStateException("topic '" + spec.name() + "' is not served after "
                            + DEFAULT_TIMEOUT.toMillis() + " ms: " + e.getCause());
                }
            }
        }
    }

    // ---- produce ----------------------------------------------------------------------------

    /** @param topic target topic
     *  @param key record key, may be null
     *  @param value record value
     *  @return where the record landed */
    public RecordMetadata produce(String topic, String key, String value) {
        return produce(List.of(new ProducerRecord<>(topic, key, value))).get(0);
    }

    /** @param topic target topic
     *  @param partition explicit partition
     *  @param key record key, may be null
     *  @param value record value
     *  @return where the record landed */
    public RecordMetadata produce(String topic, int partition, String key, String value) {
        return produce(List.of(new ProducerRecord<>(topic, partition, key, value))).get(0);
    }

    /**
     * Sends the records in order and waits until all are acknowledged.
     *
     * @param records String records (topic, optional partition, key, value, headers)
     * @return metadata per record, in order
     * @throws IllegalStateException if a send fails
     */
    public List<RecordMetadata> produce(List<ProducerRecord<String, String>> records) {
        return produce(new StringSerializer(), new StringSerializer(), records);
    }

    /** @param records byte[] records
     *  @return metadata per record, in order
     *  @see #produce(List) */
    public List<RecordMetadata> produceBytes(List<ProducerRecord<byte[], byte[]>> records) {
        return produce(new ByteArraySerializer(), new ByteArraySerializer(), records);
    }

    private <K, V> List<RecordMetadata> produce(Serializer<K> ks, Serializer<V> vs, List<ProducerRecord<K, V>> records) {
        try (KafkaProducer<K, V> producer = producer(ks, vs, Map.of())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<K, V> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> result = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> f : sent) {
                result.add(f.get());
            }
            return result;
        } catch (ExecutionException e) {
            throw new IllegalStateException("producing failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }

    // ---- consume ----------------------------------------------------------------------------

    /**
     * Reads the topic from the beginning of every partition until {@code done} accepts what was
     * read so far.
     *
     * @param topic topic to read (waited for if it does not exist yet)
     * @param done tested on all records read so far, in arrival order
     * @param timeout how long to keep reading
     * @return every record read
     * @throws AssertionError naming the topic and the number of records read, on timeout
     */
    public List<ConsumerRecord<String, String>> consumeUntil(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        return consumeUntil(topic, new StringDeserializer(), new StringDeserializer(), Map.of(), done, timeout);
    }

    /** @param topic topic to read
     *  @param count how many records are enough
     *  @param timeout how long to keep reading
     *  @return at least {@code count} records
     *  @see #consumeUntil(String, Predicate, Duration) */
    public List<ConsumerRecord<String, String>> consumeAtLeast(String topic, int count, Duration timeout) {
        return consumeUntil(topic, records -> records.size() >= count, timeout);
    }

    /**
     * The general form of {@link #consumeUntil(String, Predicate, Duration)}.
     *
     * @param topic topic to read
     * @param kd key deserializer
     * @param vd value deserializer
     * @param overrides consumer settings, e.g. {@code isolation.level=read_uncommitted}
     * @param done tested on all records read so far
     * @param timeout how long to keep reading
     * @param <K> key type
     * @param <V> value type
     * @return every record read
     */
    public <K, V> List<ConsumerRecord<K, V>> consumeUntil(
            String topic, Deserializer<K> kd, Deserializer<V> vd, Map<String, ?> overrides,
            Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
        try (KafkaConsumer<K, V> consumer = consumer(kd, vd, overrides)) {
            return new RecordReader<>(consumer, topic).until(done, timeout);
        }
    }

    /**
     * Reads every record from the beginning up to the end offsets taken when the call starts
     * (under {@code read_committed}: up to the last stable offsets).
     *
     * @param topic topic to read
     * @return the records, per partition in offset order
     * @throws AssertionError if the end is not reached within {@link #DEFAULT_TIMEOUT}
     */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        return readAll(topic, new StringDeserializer(), new StringDeserializer(), Map.of());
    }

    /** @param topic topic to read
     *  @return the records as bytes
     *  @see #readAll(String) */
    public List<ConsumerRecord<byte[], byte[]>> readAllBytes(String topic) {
        return readAll(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Map.of());
    }

    /**
     * The general form of {@link #readAll(String)}.
     *
     * @param topic topic to read
     * @param kd key deserializer
     * @param vd value deserializer
     * @param overrides consumer settings
     * @param <K> key type
     * @param <V> value type
     * @return the records
     */
    public <K, V> List<ConsumerRecord<K, V>> readAll(String topic, Deserializer<K> kd, Deserializer<V> vd,
                                                     Map<String, ?> overrides) {
        try (KafkaConsumer<K, V> consumer = consumer(kd, vd, overrides)) {
            return new RecordReader<>(consumer, topic).toEnd(DEFAULT_TIMEOUT);
        }
    }
}
