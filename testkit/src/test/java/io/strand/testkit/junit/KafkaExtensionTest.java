package io.strand.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaClusters;
import io.strand.testkit.kafka.KafkaTestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealKafka
class KafkaExtensionTest {

    private static KafkaCluster fromBeforeAll;
    private final KafkaCluster fromConstructor;

    KafkaExtensionTest(KafkaCluster kafka) {
        this.fromConstructor = kafka;
    }

    @BeforeAll
    static void remember(KafkaCluster kafka) {
        fromBeforeAll = kafka;
    }

    @Test
    void oneClusterIsSharedByConstructorLifecycleAndTestMethods(KafkaCluster kafka, KafkaTestClient client) {
        assertSame(fromBeforeAll, kafka);
        assertSame(fromConstructor, kafka);
        assertEquals(kafka.bootstrapServers(), client.bootstrapServers());
    }

    @Test
    void kindFollowsTheSelectionRule(KafkaCluster kafka) {
        assertEquals(KafkaClusters.selectFromEnvironment(), kafka.kind());
    }

    @Test
    void resolvedClusterAnswers(KafkaTestClient client) {
        String topic = KafkaTestClient.uniqueTopicName("extension");
        client.produce(topic, "k", "v");
        assertEquals("v", client.readAll(topic).get(0).value());
    }
}
