package io.strand.streams.internal.runtime;

import io.strand.config.Config;
import io.strand.config.view.SystemConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Partition counts of the topics around intermediate topics (how many partitions to send control
 * records to, how many upstream tasks write one), asked once per topic per container through an
 * admin client made from the system's {@code consumer.*} / {@code producer.*} settings.
 *
 * <p>Threading: thread-safe; shared by the tasks of a container.
 */
public final class TopicSizes {

  private final Config config;
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  /**
   * Makes no client until first asked.
   *
   * @param config the job config
   */
  public TopicSizes(Config config) {
    this.config = config;
  }

  /**
   * A topic's partition count, asked once per container.
   *
   * @param system the system
   * @param topic the topic
   * @return its partition count
   * @throws IllegalStateException if Kafka does not answer within 60 s or the topic does not exist
   */
  public int partitions(String system, String topic) {
    return counts.computeIfAbsent(system + "/" + topic, k -> describe(system, topic));
  }

  private int describe(String system, String topic) {
    Map<String, Object> props = new HashMap<>();
    for (String prefix : List.of(SystemConfig.PRODUCER_PREFIX, SystemConfig.CONSUMER_PREFIX)) {
      config.subset(SystemConfig.systemKey(system, prefix)).asMap().forEach((k, v) -> {
        if (AdminClientConfig.configNames().contains(k)) {
          props.put(k, v);
        }
      });
    }
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "strand-streams-topic-sizes");
    try (Admin admin = Admin.create(props)) {
      TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic);
      return d.partitions().size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the partition count of topic '" + topic + "' on system '" + system
          + "': " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the partition count of '" + topic + "'", e);
    }
  }
}
