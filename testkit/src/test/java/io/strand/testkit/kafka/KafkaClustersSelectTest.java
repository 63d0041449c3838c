package io.strand.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class KafkaClustersSelectTest {

    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier MUST_NOT_ASK = () -> fail("Docker must not be probed when the kind is forced");

    @Test
    void picksEmbeddedWhenDockerIsAbsent() {
        assertEquals(KafkaClusterKind.EMBEDDED, KafkaClusters.select(null, NO_DOCKER));
        assertEquals(KafkaClusterKind.EMBEDDED, KafkaClusters.select(" ", NO_DOCKER));
        assertEquals(KafkaClusterKind.EMBEDDED, KafkaClusters.select("auto", NO_DOCKER));
    }

    @Test
    void picksTestcontainersWhenDockerIsPresent() {
        assertEquals(KafkaClusterKind.TESTCONTAINERS, KafkaClusters.select(null, DOCKER));
        assertEquals(KafkaClusterKind.TESTCONTAINERS, KafkaClusters.select("AUTO", DOCKER));
    }

    @Test
    void forcedKindWinsWithoutProbingDocker() {
        assertEquals(KafkaClusterKind.TESTCONTAINERS, KafkaClusters.select("testcontainers", MUST_NOT_ASK));
        assertEquals(KafkaClusterKind.EMBEDDED, KafkaClusters.select("Embedded", MUST_NOT_ASK));
    }

    @Test
    void rejectsUnknownValuesNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClusters.select("docker", DOCKER));
        assertEquals("strand.kafka must be embedded, testcontainers or auto, was 'docker'", e.getMessage());
    }
}
