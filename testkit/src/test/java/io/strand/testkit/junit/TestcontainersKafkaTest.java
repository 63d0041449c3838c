package io.strand.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import io.strand.testkit.kafka.CloseableKafkaCluster;
import io.strand.testkit.kafka.KafkaClusterKind;
import io.strand.testkit.kafka.KafkaClusters;
import io.strand.testkit.kafka.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Skipped where no Docker daemon runs; where one does, proves the container path end to end. */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaTest {

    @Test
    void dockerIsSelectedAndTheContainerServesARoundTrip() {
        assertEquals(KafkaClusterKind.TESTCONTAINERS, KafkaClusters.select(null, KafkaClusters::dockerAvailable));
        try (CloseableKafkaCluster kafka = KafkaClusters.start(KafkaClusterKind.TESTCONTAINERS)) {
            assertEquals(KafkaClusterKind.TESTCONTAINERS, kafka.kind());
            KafkaTestClient client = kafka.client();
            String topic = kafka.uniqueTopic("container");
            client.createTopic(topic, 2);
            client.produce(topic, 1, "k", "in docker");
            List<ConsumerRecord<String, String>> read = client.consumeAtLeast(topic, 1, Duration.ofSeconds(30));
            assertEquals("in docker", read.get(0).value());
            assertEquals(1, read.get(0).partition());
        }
    }
}
