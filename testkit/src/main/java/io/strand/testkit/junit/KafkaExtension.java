package io.strand.testkit.junit;

import io.strand.testkit.kafka.CloseableKafkaCluster;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaClusterKind;
import io.strand.testkit.kafka.KafkaClusters;
import io.strand.testkit.kafka.KafkaTestClient;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@link KafkaCluster} and {@link KafkaTestClient} parameters with one Kafka shared by
 * the whole test JVM. The cluster is started on first use (kind chosen by
 * {@link KafkaClusters#selectFromEnvironment()}), kept in the root {@link ExtensionContext.Store}
 * and closed when JUnit closes that store at the end of the run. Tests must not close it and
 * should use unique topic names ({@link KafkaCluster#uniqueTopic(String)}).
 *
 * <p>A cluster that fails to start fails each test that asks for it with a
 * {@link ParameterResolutionException} naming the cause. Safe under parallel test execution.
 */
public final class KafkaExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaCluster.class || type == KafkaTestClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KafkaCluster cluster = sharedCluster(context);
        return parameter.getParameter().getType() == KafkaTestClient.class ? cluster.client() : cluster;
    }

    /**
     * @param context any context of the running test plan
     * @return the JVM-wide cluster, started on first call
     * @throws ParameterResolutionException if it cannot be started
     */
    public static KafkaCluster sharedCluster(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        try {
            // The store closes AutoCloseable values when the root context ends (JUnit 5.13+).
            return store.getOrComputeIfAbsent(CloseableKafkaCluster.class, key -> startCluster(),
                    CloseableKafkaCluster.class);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start Kafka for tests: " + e.getMessage(), e);
        }
    }

    private static CloseableKafkaCluster startCluster() {
        KafkaClusterKind kind = KafkaClusters.selectFromEnvironment();
        LOG.info("Starting shared {} Kafka for this test JVM (-D{}=embedded|testcontainers to choose)",
                kind, KafkaClusters.KIND_PROPERTY);
        return KafkaClusters.start(kind);
    }
}
