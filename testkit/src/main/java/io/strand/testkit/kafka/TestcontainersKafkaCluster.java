package io.strand.testkit.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The {@code apache/kafka} image in Docker via Testcontainers, configured like
 * {@link EmbeddedKafkaBroker} (RF 1 internals, no rebalance delay, fast log cleaner) so tests
 * behave the same on both. Thread-safe.
 */
final class TestcontainersKafkaCluster implements CloseableKafkaCluster {

    /** System property naming another image, e.g. {@code apache/kafka-native:4.4.0}. */
    static final String IMAGE_PROPERTY = "strand.kafka.image";
    static final String DEFAULT_IMAGE = "apache/kafka:4.4.0";

    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersKafkaCluster.class);

    private final KafkaContainer container;

    private TestcontainersKafkaCluster(KafkaContainer container) {
        this.container = container;
    }

    /**
     * @return a started container
     * @throws IllegalStateException if Docker is unavailable or the container fails
     */
    static TestcontainersKafkaCluster start() {
        String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
        long began = System.nanoTime();
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_LOG_CLEANER_BACKOFF_MS", "100");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new IllegalStateException("cannot start Kafka container " + image + ": " + e.getMessage()
                    + " (the tests' log4j2-test.xml silences org.testcontainers.dockerclient; raise it to see"
                    + " why Docker was not found)", e);
        }
        LOG.info("Kafka container {} started at {} ({} ms)", image, container.getBootstrapServers(),
                (System.nanoTime() - began) / 1_000_000);
        return new TestcontainersKafkaCluster(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public KafkaClusterKind kind() {
        return KafkaClusterKind.TESTCONTAINERS;
    }

    @Override
    public void close() {
        container.close();
        LOG.info("Kafka container stopped");
    }
}
