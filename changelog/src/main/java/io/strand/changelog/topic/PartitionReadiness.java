package io.strand.changelog.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until the partitions of newly created topics are served by their leaders. Metadata can
 * name a new partition's leader before that broker accepts writes; an idempotent producer that
 * meets this can stall on out-of-order sequence errors until its records expire. ListOffsets is
 * answered by the leader itself, so once it answers for every partition, producing is safe.
 * Every place that creates a topic and then writes to it calls this.
 *
 * <p>The admin client logs an ERROR with a stack trace for a ListOffsets request on a topic its
 * metadata does not know yet, which is every topic right after its creation; so this first waits,
 * with metadata requests (which fail quietly), until every partition has a leader, and asks
 * ListOffsets only then.
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
    awaitLeaders(admin, partitionsByTopic, deadline, timeout);
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

  // Until a metadata request names a leader for every partition (an unknown topic fails the
  // describe future, without a log line).
  private static void awaitLeaders(Admin admin, Map<String, Integer> partitionsByTopic, long deadline,
      Duration timeout) {
    Set<String> topics = partitionsByTopic.keySet();
    while (true) {
      Throwable last;
      try {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
            .get(Math.max(1, Math.min(5_000, remainingMs(deadline))), TimeUnit.MILLISECONDS);
        if (described.entrySet().stream().allMatch(e -> hasLeaders(e.getValue(), partitionsByTopic.get(e.getKey())))) {
          return;
        }
        last = null;
      } catch (ExecutionException e) {
        last = e.getCause();
      } catch (TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " have no leader for every partition after "
            + timeout.toMillis() + " ms" + (last == null ? "" : ": " + last), last);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private static boolean hasLeaders(TopicDescription description, int partitions) {
    return description.partitions().size() >= partitions
        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }

  private static long remainingMs(long deadlineNanos) {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
  }

}
