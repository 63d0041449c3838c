package io.strand.testkit.kafka;

/**
 * A running single-node Kafka a test can talk to. Implementations are thread-safe; the cluster
 * may be shared by every test in the JVM, so tests should use their own topics
 * ({@link #uniqueTopic(String)}).
 */
public interface KafkaCluster {

    /** @return {@code host:port} for the {@code bootstrap.servers} client setting */
    String bootstrapServers();

    /** @return what runs the broker */
    KafkaClusterKind kind();

    /** @return helpers to create topics, produce and consume with test defaults */
    default KafkaTestClient client() {
        return new KafkaTestClient(bootstrapServers());
    }

    /**
     * @param prefix a readable part, e.g. the test's name
     * @return a topic name no other call in this JVM returns
     */
    default String uniqueTopic(String prefix) {
        return KafkaTestClient.uniqueTopicName(prefix);
    }
}
