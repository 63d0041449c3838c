package io.strand.testkit.kafka;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * Chooses and starts the Kafka a test gets: Testcontainers where Docker runs, the embedded broker
 * otherwise. The system property {@value #KIND_PROPERTY} ({@code embedded}, {@code testcontainers}
 * or {@code auto}) overrides the choice.
 */
public final class KafkaClusters {

    /** System property that forces a {@link KafkaClusterKind}. */
    public static final String KIND_PROPERTY = "strand.kafka";

    private KafkaClusters() {
    }

    /**
     * The selection rule, free of side effects.
     *
     * @param requested the value of {@value #KIND_PROPERTY}: {@code null}, blank or {@code auto}
     *     to decide by Docker, else {@code embedded} or {@code testcontainers} (any case)
     * @param dockerAvailable asked only when the choice depends on it
     * @return the kind to start
     * @throws IllegalArgumentException for any other value
     */
    public static KafkaClusterKind select(String requested, BooleanSupplier dockerAvailable) {
        String value = requested == null ? "" : requested.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "embedded" -> KafkaClusterKind.EMBEDDED;
            case "testcontainers" -> KafkaClusterKind.TESTCONTAINERS;
            case "", "auto" -> dockerAvailable.getAsBoolean()
                    ? KafkaClusterKind.TESTCONTAINERS : KafkaClusterKind.EMBEDDED;
            default -> throw new IllegalArgumentException(KIND_PROPERTY + " must be embedded, testcontainers or auto, was '"
                    + requested + "'");
        };
    }

    /** @return the kind chosen from the system property and the local Docker daemon */
    public static KafkaClusterKind selectFromEnvironment() {
        return select(System.getProperty(KIND_PROPERTY), KafkaClusters::dockerAvailable);
    }

    /** @return whether Testcontainers can reach a Docker daemon */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * @param kind what to start
     * @return a running cluster the caller closes
     * @throws IllegalStateException if it cannot start (e.g. TESTCONTAINERS without Docker)
     */
    public static CloseableKafkaCluster start(KafkaClusterKind kind) {
        return switch (kind) {
            case EMBEDDED -> EmbeddedKafkaBroker.start();
            case TESTCONTAINERS -> TestcontainersKafkaCluster.start();
        };
    }
}
