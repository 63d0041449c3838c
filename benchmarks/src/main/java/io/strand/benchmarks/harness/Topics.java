package io.strand.benchmarks.harness;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import io.strand.changelog.topic.PartitionReadiness;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The harness's topic chores on the benchmark broker: create, count records, end offsets, a
 * group's committed offsets, delete.
 *
 * <p>Threading: thread-safe (one Admin client); close when done.
 */
final class Topics implements AutoCloseable {

  private static final long TIMEOUT_S = 60;
  private final Admin admin;

  Topics(String bootstrapServers) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(p);
  }

  void create(String topic, int partitions) {
    create(topic, partitions, Map.of());
  }

  /** Creates the topic and returns once its leaders serve every partition (see {@link PartitionReadiness}). */
  void create(String topic, int partitions, Map<String, String> configs) {
    get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all());
    PartitionReadiness.awaitServed(admin, Map.of(topic, partitions), Duration.ofSeconds(TIMEOUT_S));
  }

  /** @return the end offset of each partition of the topic, by partition number */
  Map<Integer, Long> endOffsets(String topic) {
    TopicDescription d = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    Map<TopicPartition, OffsetSpec> latest = d.partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return get(admin.listOffsets(latest).all()).entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
  }

  /**
   * Sets a consumer group's committed offsets (the group must have no active member).
   *
   * @param group the group id
   * @param topic the topic
   * @param offsets the next offset to read, by partition number
   */
  void commitGroupOffsets(String group, String topic, Map<Integer, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> m = offsets.entrySet().stream()
        .collect(Collectors.toMap(e -> new TopicPartition(topic, e.getKey()), e -> new OffsetAndMetadata(e.getValue())));
    get(admin.alterConsumerGroupOffsets(group, m).all());
  }

  /** @return records in the topic (sum over partitions of end minus start offset) */
  long records(String topic) {
    TopicDescription d = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    Map<TopicPartition, OffsetSpec> latest = d.partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    Map<TopicPartition, OffsetSpec> earliest = d.partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.earliest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = get(admin.listOffsets(latest).all());
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = get(admin.listOffsets(earliest).all());
    return end.entrySet().stream().mapToLong(e -> e.getValue().offset() - start.get(e.getKey()).offset()).sum();
  }

  boolean exists(String topic) {
    return get(admin.listTopics().names()).contains(topic);
  }

  /** Deletes every topic whose name contains one of the markers (job outputs, changelogs, internals). */
  void deleteMatching(Collection<String> markers) {
    Set<String> names = get(admin.listTopics().names()).stream()
        .filter(n -> markers.stream().anyMatch(n::contains)).collect(Collectors.toSet());
    if (!names.isEmpty()) {
      get(admin.deleteTopics(names).all());
    }
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("admin call failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
