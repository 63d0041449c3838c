package io.strand.changelog.topic;

import io.strand.config.Config;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.StreamName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The changelog of one store: {@code stores.<store>.changelog} resolved to a system and a topic
 * (a bare system name means {@code <job.name>-<job.id>-<store>-changelog}, see
 * {@link StorageConfig#getChangelog}), and the replication factor to create it with.
 *
 * <p>Threading: an immutable value.
 *
 * @param store the store name
 * @param system the system the topic lives on
 * @param topic the topic name
 * @param replicationFactor {@code stores.<store>.changelog.replication.factor}, or empty for
 *     min(3, brokers in the cluster)
 * @param retentionMs {@code stores.<store>.changelog.retention.ms}: time retention of a created
 *     topic ({@code cleanup.policy=compact,delete}), ms; empty for compaction alone
 */
public record ChangelogTopic(String store, String system, String topic, OptionalInt replicationFactor,
    OptionalLong retentionMs) {

  /**
   * Checks the components.
   *
   * @param store the store name
   * @param system the system
   * @param topic the topic
   * @param replicationFactor the replication factor, or empty
   * @throws NullPointerException if any is null
   */
  public ChangelogTopic {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(replicationFactor, "replicationFactor");
    Objects.requireNonNull(retentionMs, "retentionMs");
  }

  /**
   * A compacted-only changelog.
   *
   * @param store the store name
   * @param system the system
   * @param topic the topic
   * @param replicationFactor the replication factor, or empty
   * @throws NullPointerException if any is null
   */
  public ChangelogTopic(String store, String system, String topic, OptionalInt replicationFactor) {
    this(store, system, topic, replicationFactor, OptionalLong.empty());
  }

  /**
   * The changelogs of every logged store of a job.
   *
   * @param config the job configuration
   * @return one per store that has {@code stores.<s>.changelog}, by store name
   * @throws io.strand.config.ConfigException if a changelog key is malformed, or if two stores
   *     name the same topic (their records would overwrite each other's keys)
   */
  public static Map<String, ChangelogTopic> fromConfig(Config config) {
    StorageConfig storage = new StorageConfig(config);
    Map<String, ChangelogTopic> topics = new HashMap<>();
    Map<StreamName, String> owners = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    for (String store : storage.getStoreNames()) {
      storage.getChangelog(store).ifPresent(stream -> {
        String other = owners.putIfAbsent(stream, store);
        if (other != null) {
          clashes.add(store);
        }
        topics.put(store, new ChangelogTopic(store, stream.system(), stream.stream(),
            storage.getChangelogReplicationFactor(store), storage.getChangelogRetentionMs(store)));
      });
    }
    if (!clashes.isEmpty()) {
      String store = clashes.get(0);
      throw config.problem(StorageConfig.storeKey(store, StorageConfig.CHANGELOG), "store '" + store
          + "' uses changelog " + topics.get(store).system() + "." + topics.get(store).topic()
          + ", which another store also uses; every store needs its own changelog topic");
    }
    return Map.copyOf(topics);
  }
}
