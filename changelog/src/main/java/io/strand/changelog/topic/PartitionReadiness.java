package io.strand.changelog.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the partitions of newly created topics are served by their leaders. Metadata can
 * name a new partition's leader before that broker accepts writes; an idempotent producer that
 * meets this can stall on out-of-order sequence errors until its records expire. ListOffsets is
 * answered by the leader itself, so once it answers for every partition, producing is safe.
 * Every place that creates a topic and then writes to it calls this.
 *
 * <p>Threading: stateless; safe from any thread (the Admin client is thread-safe).
 */
public final class PartitionReadiness {

  private PartitionReadiness() {}

  /**
   * Blocks until every partition of the given topics answers a ListOffsets request.
   *
   * @param admin an admin client on the topics' cluster
   * @param partitionsByTopic topic name to its partition count
   * @param timeout how long to wait in all
   * @throws IllegalStateException if some partition is not served within {@code timeout}, naming
   *     the topics and the last error
   */
  public static void awaitServed(Admin admin, Map<String, Integer> partitionsByTopic, Duration timeout) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitionsByTopic.forEach((topic, partitions) -> {
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    });
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        admin.listOffsets(latest).all().get(Math.max(1, Math.min(5_000, remainingMs(deadline))), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
          throw new IllegalStateException("topics " + partitionsByTopic.keySet() + " are not served after "
              + timeout.toMillis() + " ms: " + cause, cause);
        }
        // ListOffsets on an unready partition fails fast; give the leader a moment before asking again.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topics " + partitionsByTopic.keySet(), e);
      }
    }
  }

  private static long remainingMs(long deadlineNanos) {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
  }

}
