package io.strand.changelog.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing changelog topics and checks existing ones, on one system (one cluster).
 *
 * <p>A created topic has {@code cleanup.policy=compact}, one partition per task of the job, the
 * store's replication factor (default min(3, brokers), which is 1 on a single broker), and
 * {@code min.compaction.lag.ms} = {@link #minCompactionLagMs}; a store with
 * {@code stores.<s>.changelog.retention.ms} gets {@code cleanup.policy=compact,delete} and that
 * {@code retention.ms} instead (state that expires without tombstones, as Kafka Streams' window
 * store changelogs). An existing topic must be compacted
 * and have at least one partition per task; anything else is a
 * {@link ChangelogValidationException} listing every bad topic. A topic whose compaction lag is
 * shorter than recommended is accepted with a warning.
 *
 * <p>Threading: stateless apart from the admin client it is given; call from one thread.
 */
public final class ChangelogTopics {
  private static final Logger LOG = LoggerFactory.getLogger(ChangelogTopics.class);

  /** Lower bound of {@link #minCompactionLagMs}: one hour, in ms. */
  public static final long MIN_COMPACTION_LAG_FLOOR_MS = 3_600_000L;
  /** Commit intervals covered by {@link #minCompactionLagMs}. */
  public static final int COMMIT_INTERVALS_OF_LAG = 10;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Admin admin;
  private final String jobName;

  /**
   * Works through one admin client.
   *
   * @param admin the system's admin client; not closed here
   * @param jobName for log lines
   */
  public ChangelogTopics(Admin admin, String jobName) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.jobName = Objects.requireNonNull(jobName, "jobName");
  }

  /**
   * The {@code min.compaction.lag.ms} of a created changelog: max(1 h, 10 x {@code task.commit.ms}).
   *
   * <p>Why: restore stops at the checkpointed offset and then trims each key written after it
   * back to its checkpointed value. That value is only right if no record at or before the
   * checkpoint was compacted away by a newer record of the same key written after the
   * checkpoint (by a container that then crashed). The log cleaner only uses records older
   * than the lag to compact older ones, and the records after a checkpoint are younger than one
   * commit interval plus the time until the next restore; so the lag must exceed that, with room
   * for a slow restart (an hour) and for commits that take several intervals.
   *
   * @param commitMs {@code task.commit.ms}, in ms
   * @return the lag in ms
   */
  public static long minCompactionLagMs(long commitMs) {
    return Math.max(MIN_COMPACTION_LAG_FLOOR_MS, COMMIT_INTERVALS_OF_LAG * Math.max(0, commitMs));
  }

  /**
   * Makes sure every topic exists and can hold its store's state.
   *
   * @param topics the changelogs on this admin's cluster
   * @param taskCount the job's task count: partitions needed per topic
   * @param commitMs {@code task.commit.ms}, for {@link #minCompactionLagMs}
   * @throws ChangelogValidationException if an existing topic is not compacted or has too few
   *     partitions
   * @throws IllegalStateException if the cluster cannot be reached or refuses to create a topic
   *     within 60 s
   */
  public void validateOrCreate(Collection<ChangelogTopic> topics, int taskCount, long commitMs) {
    if (topics.isEmpty()) {
      return;
    }
    if (taskCount < 1) {
      throw new IllegalArgumentException("a job has at least one task, got " + taskCount);
    }
    long lagMs = minCompactionLagMs(commitMs);
    Map<String, ChangelogTopic> byName = new HashMap<>();
    topics.forEach(t -> byName.put(t.topic(), t));
    Map<String, TopicDescription> existing = describe(byName.keySet());
    List<ChangelogTopic> missing = new ArrayList<>();
    for (ChangelogTopic topic : topics) {
      if (!existing.containsKey(topic.topic())) {
        missing.add(topic);
      }
    }
    List<String> created = create(missing, taskCount, lagMs);
    if (!missing.isEmpty()) {
      // Also the topics another container created first: until they are served, describing
      // their configs can fail with UnknownTopicOrPartition.
      awaitServed(names(missing), taskCount);
    }
    List<ChangelogTopic> toCheck = new ArrayList<>();
    for (ChangelogTopic topic : topics) {
      if (!created.contains(topic.topic())) {
        toCheck.add(topic);
      }
    }
    List<String> problems = check(toCheck, describe(names(toCheck)), taskCount, lagMs);
    if (!problems.isEmpty()) {
      throw new ChangelogValidationException(problems);
    }
  }

  private List<String> create(List<ChangelogTopic> missing, int taskCount, long lagMs) {
    List<String> created = new ArrayList<>();
    if (missing.isEmpty()) {
      return created;
    }
    int brokers = get(admin.describeCluster().nodes(), "describe the cluster").size();
    // One request for every missing topic (the controller creates them in one go), then each answer.
    Map<String, NewTopic> specs = new LinkedHashMap<>();
    Map<String, Map<String, String>> configsByTopic = new HashMap<>();
    for (ChangelogTopic topic : missing) {
      Map<String, String> configs = new HashMap<>();
      configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(lagMs));
      configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.retentionMs().isPresent()
          ? TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE
          : TopicConfig.CLEANUP_POLICY_COMPACT);
      topic.retentionMs().ifPresent(ms -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ms)));
      short replication = (short) topic.replicationFactor().orElse(Math.max(1, Math.min(3, brokers)));
      specs.put(topic.topic(), new NewTopic(topic.topic(), taskCount, replication).configs(configs));
      configsByTopic.put(topic.topic(), configs);
    }
    Map<String, KafkaFuture<Void>> answers = admin.createTopics(specs.values()).values();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    for (ChangelogTopic topic : missing) {
      Map<String, String> configs = configsByTopic.get(topic.topic());
      try {
        answers.get(topic.topic()).get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
            TimeUnit.MILLISECONDS);
        created.add(topic.topic());
        LOG.info("Created changelog topic '{}' of store '{}' (job '{}'): {} partitions, replication {},"
            + " cleanup.policy={}{}, min.compaction.lag.ms={}", topic.topic(), topic.store(), jobName, taskCount,
            specs.get(topic.topic()).replicationFactor(), configs.get(TopicConfig.CLEANUP_POLICY_CONFIG),
            topic.retentionMs().isPresent() ? ", retention.ms=" + topic.retentionMs().getAsLong() : "", lagMs);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create changelog topic '" + topic.topic() + "' of store '"
              + topic.store() + "': " + e.getCause(), e.getCause());
        }
        // Another container created it first: it is checked like any existing topic.
      } catch (TimeoutException e) {
        throw new IllegalStateException("creating changelog topic '" + topic.topic() + "' timed out after "
            + TIMEOUT.toMillis() + " ms", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating changelog topic '" + topic.topic() + "'", e);
      }
    }
    return created;
  }

  private List<String> check(List<ChangelogTopic> topics, Map<String, TopicDescription> described, int taskCount,
      long lagMs) {
    List<String> problems = new ArrayList<>();
    if (topics.isEmpty()) {
      return problems;
    }
    List<ConfigResource> resources = new ArrayList<>();
    for (ChangelogTopic topic : topics) {
      resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic.topic()));
    }
    Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all(), "describe changelog topics");
    for (ChangelogTopic topic : topics) {
      int problemsBefore = problems.size();
      TopicDescription description = described.get(topic.topic());
      if (description == null) {
        problems.add("changelog topic '" + topic.topic() + "' of store '" + topic.store() + "' disappeared while"
            + " it was being checked");
        continue;
      }
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.topic()));
      String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
      int partitions = description.partitions().size();
      if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        problems.add("changelog topic '" + topic.topic() + "' of store '" + topic.store() + "' is not compacted"
            + " (cleanup.policy=" + policy + "): retention would delete state; set cleanup.policy=compact on it");
      } else if (topic.retentionMs().isPresent() && !policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
        LOG.warn("Changelog topic '{}' of store '{}' has cleanup.policy={} but the store expires records without"
            + " tombstones (stores.{}.changelog.retention.ms={}): the topic keeps them until it is given"
            + " cleanup.policy=compact,delete and that retention.ms", topic.topic(), topic.store(), policy,
            topic.store(), topic.retentionMs().getAsLong());
      } else if (policy.contains(TopicConfig.CLEANUP_POLICY_DELETE) && topic.retentionMs().isEmpty()) {
        LOG.warn("Changelog topic '{}' of store '{}' has cleanup.policy={}: records older than its retention are"
            + " deleted, so a full restore may lose state", topic.topic(), topic.store(), policy);
      }
      if (partitions < taskCount) {
        problems.add("changelog topic '" + topic.topic() + "' of store '" + topic.store() + "' has " + partitions
            + " partition(s) but the job has " + taskCount + " tasks, one partition each; recreate it with at"
            + " least " + taskCount + " partitions or use another topic");
      }
      long lag = Long.parseLong(value(config, TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0"));
      if (lag < lagMs && policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        LOG.warn("Changelog topic '{}' of store '{}' has min.compaction.lag.ms={} (recommended {}): a restore"
            + " after a crash may trim a key to an older value than its checkpointed one", topic.topic(),
            topic.store(), lag, lagMs);
      }
      if (problems.size() == problemsBefore) {
        LOG.info("Changelog topic '{}' of store '{}' (job '{}'): {} partitions, cleanup.policy={}", topic.topic(),
            topic.store(), jobName, partitions, policy);
      }
    }
    return problems;
  }

  private Map<String, TopicDescription> describe(Collection<String> names) {
    Map<String, TopicDescription> found = new HashMap<>();
    if (names.isEmpty()) {
      return found;
    }
    Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(names).topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
      try {
        found.put(e.getKey(), e.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe changelog topic '" + e.getKey() + "': " + ex.getCause(),
              ex.getCause());
        }
      } catch (TimeoutException ex) {
        throw new IllegalStateException("describing changelog topic '" + e.getKey() + "' timed out", ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while describing changelog topics", ex);
      }
    }
    return found;
  }

  private void awaitServed(List<String> topics, int partitions) {
    Map<String, Integer> partitionsByTopic = new HashMap<>();
    topics.forEach(t -> partitionsByTopic.put(t, partitions));
    PartitionReadiness.awaitServed(admin, partitionsByTopic, TIMEOUT);
  }

  private static List<String> names(List<ChangelogTopic> topics) {
    List<String> names = new ArrayList<>();
    topics.forEach(t -> names.add(t.topic()));
    return names;
  }

  private static String value(Config config, String name, String fallback) {
    if (config == null || config.get(name) == null || config.get(name).value() == null) {
      return fallback;
    }
    return config.get(name).value();
  }

  private static <T> T get(KafkaFuture<T> future, String doing) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot " + doing + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not " + doing + " within " + TIMEOUT.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + doing, e);
    }
  }
}
