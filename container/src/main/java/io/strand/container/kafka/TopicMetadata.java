package io.strand.container.kafka;

import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;

/**
 * Topic metadata of a job's Kafka systems: partition counts, beginning and end offsets, topic
 * configs, topic creation. Streams of several systems are asked of each system's own cluster,
 * through one {@link TopicAdmin} per system made on first use and kept until {@link #close()}.
 *
 * <p>Every call blocks until Kafka answers and fails with an {@link IllegalStateException} naming
 * the system and its bootstrap servers when it does not (see {@link TopicAdmin}).
 *
 * <p>Threading: thread-safe.
 */
public final class TopicMetadata implements AutoCloseable {

  private final KafkaSystems systems;
  private final Map<String, TopicAdmin> admins = new HashMap<>();
  private boolean closed;

  /**
   * Makes no client until first use.
   *
   * @param systems the job's systems
   */
  public TopicMetadata(KafkaSystems systems) {
    this.systems = systems;
  }

  /**
   * The partition count of each stream.
   *
   * @param streams the streams, of any of the job's systems
   * @return partitions per stream
   * @throws IllegalStateException listing every missing topic as {@code input topic '<t>' does not
   *     exist on system '<s>' (<bootstrap servers>)}
   * @throws io.strand.config.ConfigException if a stream names a system that is not configured
   */
  public Map<SystemStream, Integer> partitionCounts(Collection<SystemStream> streams) {
    Map<SystemStream, Integer> counts = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    // One describe request per system for all its streams, instead of one round trip per stream.
    Map<String, Map<String, Optional<TopicDescription>>> described = new TreeMap<>();
    streams.stream().collect(Collectors.groupingBy(SystemStream::system, TreeMap::new,
            Collectors.mapping(SystemStream::stream, Collectors.toCollection(TreeSet::new))))
        .forEach((system, topics) -> described.put(system, admin(system).describeAll(topics)));
    for (SystemStream stream : streams.stream().distinct().sorted().toList()) {
      Optional<Integer> count = described.get(stream.system()).get(stream.stream()).map(d -> d.partitions().size());
      if (count.isPresent()) {
        counts.put(stream, count.get());
      } else {
        missing.add("input topic '" + stream.stream() + "' does not exist on system '" + stream.system() + "' ("
            + admin(stream.system()).bootstrapServers() + ")");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(String.join("; ", missing)
          + "; create the topic(s) or fix task.inputs / task.broadcast.inputs");
    }
    return counts;
  }

  /**
   * The partition count of one stream, if its topic exists.
   *
   * @param stream the stream
   * @return the partition count, or empty when the topic does not exist
   */
  public Optional<Integer> partitionCount(SystemStream stream) {
    return admin(stream.system()).describe(stream.stream()).map(d -> d.partitions().size());
  }

  /**
   * The end offset (high watermark: the offset the next record written will get) of each
   * partition, as a {@code read_uncommitted} reader sees it.
   *
   * @param ssps the partitions
   * @return end offset per partition
   * @throws IllegalStateException if a topic or partition does not exist or Kafka does not answer
   */
  public Map<SystemStreamPartition, Long> endOffsets(Collection<SystemStreamPartition> ssps) {
    return endOffsets(ssps, false);
  }

  /**
   * The end offset of each partition for a reader of the given isolation: for
   * {@code read_committed} readers the last stable offset (the first offset of a still open
   * transaction), else the high watermark.
   *
   * @param ssps the partitions
   * @param readCommitted whether the reader uses {@code isolation.level=read_committed}
   * @return end offset per partition
   * @throws IllegalStateException if a topic or partition does not exist or Kafka does not answer
   */
  public Map<SystemStreamPartition, Long> endOffsets(Collection<SystemStreamPartition> ssps, boolean readCommitted) {
    return listOffsets(ssps, OffsetSpec.latest(),
        readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
  }

  /**
   * The beginning offset (the oldest offset retention has kept) of each partition.
   *
   * @param ssps the partitions
   * @return beginning offset per partition
   * @throws IllegalStateException if a topic or partition does not exist or Kafka does not answer
   */
  public Map<SystemStreamPartition, Long> beginningOffsets(Collection<SystemStreamPartition> ssps) {
    return listOffsets(ssps, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
  }

  /**
   * The topic-level configs in force for a topic (defaults included).
   *
   * @param stream the stream
   * @return config name to value
   * @throws IllegalStateException if the topic does not exist or Kafka does not answer
   */
  public Map<String, String> topicConfigs(SystemStream stream) {
    return admin(stream.system()).topicConfigs(stream.stream());
  }

  /**
   * Creates a topic when it does not exist, with the cluster's default replication factor, and
   * waits until every partition is served; a topic created meanwhile by someone else is accepted
   * as it is.
   *
   * @param stream the stream to create
   * @param partitions the partition count of a new topic
   * @param topicConfigs topic-level configs of a new topic, for example {@code cleanup.policy=compact}
   * @return true if this call created the topic, false if it existed (callers may ignore it)
   * @throws IllegalStateException if Kafka rejects the creation
   */
  public boolean ensureTopic(SystemStream stream, int partitions, Map<String, String> topicConfigs) {
    return ensureTopic(stream, partitions, Optional.empty(), topicConfigs);
  }

  /**
   * As {@link #ensureTopic(SystemStream, int, Map)}, with an explicit replication factor.
   *
   * @param stream the stream to create
   * @param partitions the partition count of a new topic
   * @param replicationFactor the replication factor of a new topic; empty for the cluster default
   * @param topicConfigs topic-level configs of a new topic
   * @return true if this call created the topic, false if it existed
   * @throws IllegalStateException if Kafka rejects the creation
   */
  public boolean ensureTopic(SystemStream stream, int partitions, Optional<Short> replicationFactor,
      Map<String, String> topicConfigs) {
    return admin(stream.system()).ensureTopic(stream.stream(), partitions, replicationFactor, topicConfigs);
  }

  /** Closes the admin clients; later calls fail. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    admins.values().forEach(TopicAdmin::close);
    admins.clear();
  }

  private Map<SystemStreamPartition, Long> listOffsets(
      Collection<SystemStreamPartition> ssps, OffsetSpec spec, IsolationLevel isolation) {
    Map<String, List<SystemStreamPartition>> bySystem = ssps.stream().distinct().sorted().collect(
        Collectors.groupingBy(SystemStreamPartition::getSystem, TreeMap::new, Collectors.toList()));
    Map<SystemStreamPartition, Long> result = new TreeMap<>();
    bySystem.forEach((system, list) -> result.putAll(admin(system).listOffsets(list, spec, isolation)));
    return result;
  }

  private synchronized TopicAdmin admin(String system) {
    if (closed) {
      throw new IllegalStateException("topic metadata is closed");
    }
    TopicAdmin admin = admins.get(system);
    if (admin == null) {
      admin = new TopicAdmin(systems.get(system), "strand-metadata-" + system);
      admins.put(system, admin);
    }
    return admin;
  }
}
