package io.strand.benchmarks.harness;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The harness's topic chores on the benchmark broker: create, count records, delete.
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
    get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
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
