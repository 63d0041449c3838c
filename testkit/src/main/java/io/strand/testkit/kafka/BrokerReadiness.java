package io.strand.testkit.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Waits until a broker answers an Admin {@code describeCluster} with at least one node. */
final class BrokerReadiness {

    /** Short per-call timeout so a dead child JVM is noticed quickly. */
    private static final int ATTEMPT_TIMEOUT_MS = 2_000;

    private BrokerReadiness() {
    }

    /**
     * @param bootstrap the broker address
     * @param timeout overall deadline
     * @param stillRunning false when the broker is known to be dead, which ends the wait early
     * @throws IllegalStateException if the deadline passes or the broker dies
     */
    static void await(String bootstrap, Duration timeout, BooleanSupplier stillRunning) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ATTEMPT_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ATTEMPT_TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        String lastProblem = "no answer";
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                if (!stillRunning.getAsBoolean()) {
                    throw new IllegalStateException("Kafka broker at " + bootstrap + " exited while starting");
                }
                try {
                    int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ATTEMPT_TIMEOUT_MS))
                            .nodes().get(ATTEMPT_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                    lastProblem = "describeCluster returned no nodes";
                } catch (ExecutionException | TimeoutException e) {
                    // Expected while the broker is still binding its listeners; retried until the deadline.
                    lastProblem = String.valueOf(e.getCause() != null ? e.getCause() : e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka broker at " + bootstrap, e);
        }
        throw new IllegalStateException("Kafka broker at " + bootstrap + " did not answer describeCluster within "
                + timeout.toMillis() + " ms (last: " + lastProblem + ")");
    }
}
