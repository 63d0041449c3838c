package io.strand.container.kafka;

import io.strand.changelog.topic.PartitionReadiness;
import io.strand.system.SystemStreamPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic operations on ONE Kafka system through one admin client: describe, configs, offsets,
 * creation. {@link TopicMetadata} routes a job's requests to one of these per system.
 *
 * <p>Every call blocks until Kafka answers; one that Kafka does not answer within the admin
 * client's {@code default.api.timeout.ms} (60 s unless set under {@code systems.<s>.consumer.*})
 * fails with an {@link IllegalStateException} naming the system and its bootstrap servers.
 *
 * <p>Threading: thread-safe (the admin client is).
 */
public final class TopicAdmin implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);
  /** How long {@link #ensureTopic} waits for a new topic's partitions to be served. */
  private static final long TOPIC_READY_TIMEOUT_MS = 30_000;

  private final String system;
  private final String bootstrapServers;
  private final Admin admin;

  /**
   * Opens an admin client on the system.
   *
   * @param system the system
   * @param clientId the admin client's id
   */
  public TopicAdmin(KafkaSystem system, String clientId) {
    this.system = system.name();
    this.bootstrapServers = system.bootstrapServers();
    this.admin = system.newAdmin(clientId);
  }

  /**
   * The system's name.
   *
   * @return the name
   */
  public String system() {
    return system;
  }

  /**
   * The system's bootstrap servers.
   *
   * @return {@code host:port[,host:port]}
   */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * A topic's description.
   *
   * @param topic the topic
   * @return its description, or empty when the topic does not exist
   * @throws IllegalStateException if Kafka does not answer
   */
  public Optional<TopicDescription> describe(String topic) {
    KafkaFuture<TopicDescription> future = admin.describeTopics(List.of(topic)).topicNameValues().get(topic);
    try {
      return Optional.of(future.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw failure("describe topic '" + topic + "'", e.getCause());
    } catch (InterruptedException e) {
      throw interrupted("describe topic '" + topic + "'", e);
    }
  }

  /**
   * The descriptions of several topics, in one request.
   *
   * @param topics the topics
   * @return each topic's description, or empty when the topic does not exist
   * @throws IllegalStateException if Kafka does not answer
   */
  public Map<String, Optional<TopicDescription>> describeAll(Collection<String> topics) {
    Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(List.copyOf(topics)).topicNameValues();
    Map<String, Optional<TopicDescription>> described = new TreeMap<>();
    for (String topic : topics) {
      try {
        described.put(topic, Optional.of(futures.get(topic).get()));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw failure("describe topic '" + topic + "'", e.getCause());
        }
        described.put(topic, Optional.empty());
      } catch (InterruptedException e) {
        throw interrupted("describe topic '" + topic + "'", e);
      }
    }
    return described;
  }

  /**
   * The topic-level configs in force for a topic (defaults included).
   *
   * @param topic the topic
   * @return config name to value
   * @throws IllegalStateException if the topic does not exist or Kafka does not answer
   */
  public Map<String, String> topicConfigs(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = await("describe the configs of topic '" + topic + "'",
        admin.describeConfigs(List.of(resource)).values().get(resource));
    Map<String, String> result = new TreeMap<>();
    config.entries().forEach(e -> {
      if (e.value() != null) {
        result.put(e.name(), e.value());
      }
    });
    return result;
  }

  /**
   * Offsets of partitions of this system.
   *
   * @param ssps the partitions, all of this system
   * @param spec earliest or latest
   * @param isolation for latest: {@code READ_COMMITTED} gives the last stable offset, else the high watermark
   * @return offset per partition
   * @throws IllegalStateException if a partition does not exist or Kafka does not answer
   */
  public Map<SystemStreamPartition, Long> listOffsets(
      Collection<SystemStreamPartition> ssps, OffsetSpec spec, IsolationLevel isolation) {
    Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
    for (SystemStreamPartition ssp : ssps) {
      request.put(topicPartition(ssp), spec);
    }
    if (request.isEmpty()) {
      return Map.of();
    }
    ListOffsetsResult answer = admin.listOffsets(request, new ListOffsetsOptions(isolation));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos =
        await("list offsets of " + ssps, answer.all());
    Map<SystemStreamPartition, Long> result = new TreeMap<>();
    for (SystemStreamPartition ssp : ssps) {
      result.put(ssp, infos.get(topicPartition(ssp)).offset());
    }
    return result;
  }

  /**
   * Creates a topic when it does not exist and waits until every partition is served. A topic
   * created meanwhile by someone else (another container starting at the same time) is accepted
   * as it is; callers that need particular settings check them with {@link #describe} and
   * {@link #topicConfigs} afterwards.
   *
   * @param topic the topic
   * @param partitions the partition count of a new topic
   * @param replicationFactor the replication factor of a new topic; empty for the cluster default
   * @param topicConfigs topic-level configs of a new topic, for example {@code cleanup.policy=compact}
   * @return true if this call created the topic, false if it existed
   * @throws IllegalStateException if Kafka rejects the creation
   */
  public boolean ensureTopic(String topic, int partitions, Optional<Short> replicationFactor,
      Map<String, String> topicConfigs) {
    if (describe(topic).isPresent()) {
      return false;
    }
    NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), replicationFactor).configs(topicConfigs);
    boolean created;
    try {
      admin.createTopics(List.of(newTopic)).all().get();
      created = true;
      LOG.info("Created topic '{}' on system '{}' with {} partition(s) and configs {}",
          topic, system, partitions, topicConfigs);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw failure("create topic '" + topic + "'", e.getCause());
      }
      created = false;
    } catch (InterruptedException e) {
      throw interrupted("create topic '" + topic + "'", e);
    }
    awaitServed(topic, partitions);
    return created;
  }

  /**
   * The admin client, for requests this class does not wrap.
   *
   * @return the admin client; owned by this object
   */
  public Admin admin() {
    return admin;
  }

  /** Closes the admin client. */
  @Override
  public void close() {
    admin.close();
  }

  private void awaitServed(String topic, int partitions) {
    int count = describe(topic).map(d -> d.partitions().size()).orElse(partitions);
    PartitionReadiness.awaitServed(admin, Map.of(topic, count), Duration.ofMillis(TOPIC_READY_TIMEOUT_MS));
  }

  static TopicPartition topicPartition(SystemStreamPartition ssp) {
    return new TopicPartition(ssp.getStream(), ssp.partition().id());
  }

  private <T> T await(String what, KafkaFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw failure(what, e.getCause());
    } catch (InterruptedException e) {
      throw interrupted(what, e);
    }
  }

  private IllegalStateException failure(String what, Throwable cause) {
    return new IllegalStateException("cannot " + what + " on system '" + system + "' (" + bootstrapServers + "): "
        + cause, cause);
  }

  private IllegalStateException interrupted(String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new IllegalStateException("interrupted while trying to " + what + " on system '" + system + "'", e);
  }
}
