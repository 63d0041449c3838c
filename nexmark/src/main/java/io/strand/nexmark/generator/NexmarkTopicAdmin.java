package io.strand.nexmark.generator;

import io.strand.changelog.topic.PartitionReadiness;
import io.strand.nexmark.model.NexmarkTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the Nexmark topics: {@link NexmarkTopics#PARTITIONS} partitions, replication factor 1,
 * {@code retention.ms=-1} (event times may be long past).
 */
public final class NexmarkTopicAdmin {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private NexmarkTopicAdmin() {
  }

  /**
   * Deletes the three input topics if present and creates them empty.
   *
   * @param admin the admin client
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the topics cannot be recreated within 60 s
   */
  public static void recreateInputs(Admin admin) throws InterruptedException {
    recreate(admin, NexmarkTopics.all());
  }

  /**
   * Deletes topics if present and creates them empty (retrying while a deletion completes).
   *
   * @param admin the admin client
   * @param topics the topic names
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the topics cannot be recreated within 60 s
   */
  public static void recreate(Admin admin, Collection<String> topics) throws InterruptedException {
    recreate(admin, topics, Map.of());
  }

  /**
   * As {@link #recreate(Admin, Collection)}, with more topic configs (e.g.
   * {@code message.timestamp.type=LogAppendTime} for an output whose append times are measured).
   *
   * @param admin the admin client
   * @param topics the topic names
   * @param configs topic configs besides the retention ones
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the topics cannot be recreated within 60 s
   */
  public static void recreate(Admin admin, Collection<String> topics, Map<String, String> configs)
      throws InterruptedException {
    Map<String, String> all = new HashMap<>(configs);
    all.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
    all.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<String> present = topics.stream().filter(existing::contains).toList();
      if (!present.isEmpty()) {
        try {
          admin.deleteTopics(present).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw NexmarkGenerator.unwrap(e);
          }
        }
      }
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      List<String> missing = new ArrayList<>(topics);
      while (!missing.isEmpty()) {
        List<String> still = new ArrayList<>();
        for (String topic : missing) {
          NewTopic t = new NewTopic(topic, NexmarkTopics.PARTITIONS, (short) 1)
              .configs(all);
          try {
            admin.createTopics(List.of(t)).all().get();
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw NexmarkGenerator.unwrap(e);
            }
            still.add(topic);  // the deletion has not completed yet
          }
        }
        missing = still;
        if (missing.isEmpty()) {
          awaitLeaders(admin, topics, deadline);
          // A leader in the metadata is not yet a leader that accepts writes (KAFKA-15591: a
          // producer's first request refused there and its next one accepted leaves the first
          // retrying until its delivery timeout); ListOffsets is answered by the leader itself.
          Map<String, Integer> partitions = new HashMap<>();
          topics.forEach(topic -> partitions.put(topic, NexmarkTopics.PARTITIONS));
          PartitionReadiness.awaitServed(admin, partitions,
              Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        } else {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("topics " + missing + " still exist " + DEADLINE.toSeconds()
                + " s after their deletion");
          }
          Thread.sleep(100);
        }
      }
    } catch (ExecutionException e) {
      throw NexmarkGenerator.unwrap(e);
    }
  }

  /**
   * Waits until every partition of new topics has a leader: a producer that sends earlier gets
   * NOT_LEADER_OR_FOLLOWER, and on a loaded machine its retries may outlast its delivery timeout.
   */
  private static void awaitLeaders(Admin admin, Collection<String> topics, long deadline)
      throws InterruptedException, ExecutionException {
    while (true) {
      boolean ready;
      try {
        ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
            .allMatch(d -> d.partitions().size() == NexmarkTopics.PARTITIONS
                && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        ready = false;
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " have partitions without a leader "
            + DEADLINE.toSeconds() + " s after their creation");
      }
      Thread.sleep(100);
    }
  }
}
