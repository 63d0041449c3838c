package io.strand.container.output;

import io.strand.config.view.OutputStreamConfig;
import io.strand.container.kafka.TopicMetadata;
import io.strand.container.output.OutputTopicSettings.TopicSpec;
import io.strand.system.SystemStream;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an output topic exists before the first send to it, so Kafka's broker-side
 * auto-creation (one partition, default configs, a producer WARN) never decides an output's
 * shape. A Samza job does not declare its outputs (a task may send to any stream), so each
 * stream is looked up once, on its first send, through the admin client, and remembered:
 * <ul>
 *   <li>an existing topic is used as it is (a configured partition count that differs is logged
 *       at WARN once: Strand never alters a topic);</li>
 *   <li>a missing topic is created, when {@code strand.outputs.create} is true (the default), with
 *       the stream's {@code partitions} (else the system's {@code default.stream.partitions}, else
 *       the largest partition count among the job's inputs, as Samza sizes intermediate streams),
 *       its {@code replication.factor} (else the cluster's default) and its Kafka topic configs;
 *       the call returns once every partition is served;</li>
 *   <li>a missing topic with {@code strand.outputs.create=false} is an {@link OutputTopicException}
 *       naming the topic and the key, which fails the container; the producer never sees the topic,
 *       so the broker does not auto-create it either.</li>
 * </ul>
 * Streams the container knows before it starts (the dead-letter stream) are checked at start the
 * same way. Creation goes through {@link TopicMetadata#ensureTopic}, the same path as the job's
 * other topics, so a topic created meanwhile by another container is accepted.
 *
 * <p>Threading: thread-safe; the first send to a stream blocks while it is looked up or created
 * (one admin round trip, or a creation: typically under a second), later sends cost one set lookup.
 */
public final class OutputTopics {

  private static final Logger LOG = LoggerFactory.getLogger(OutputTopics.class);

  private final OutputTopicSettings settings;
  private final TopicMetadata metadata;
  private final String who;
  private final Set<SystemStream> ready = ConcurrentHashMap.newKeySet();
  private int maxInputPartitions; // 0 until asked; guarded by this

  /**
   * Creates the checker; no request is made until the first {@link #ensure}.
   *
   * @param settings the job's output topic settings
   * @param metadata the container's topic metadata (admin clients); not closed here
   * @param who the container, for log lines (exceptions leave it to the container, which adds it)
   */
  public OutputTopics(OutputTopicSettings settings, TopicMetadata metadata, String who) {
    this.settings = settings;
    this.metadata = metadata;
    this.who = who;
  }

  /**
   * Makes sure a stream's topic exists, creating it if allowed. Returns at once for a stream
   * already seen.
   *
   * @param stream the output stream
   * @throws OutputTopicException if the topic is missing and {@code strand.outputs.create=false},
   *     or Kafka refuses to create it
   * @throws IllegalStateException if Kafka does not answer
   */
  public void ensure(SystemStream stream) {
    if (ready.contains(stream)) {
      return;
    }
    synchronized (this) {
      if (!ready.contains(stream)) {
        prepare(stream);
        ready.add(stream);
      }
    }
  }

  private void prepare(SystemStream stream) {
    TopicSpec spec = settings.specFor(stream);
    Optional<Integer> existing = metadata.partitionCount(stream);
    if (existing.isPresent()) {
      if (spec.partitions().isPresent() && spec.partitions().getAsInt() != existing.get()) {
        LOG.warn("{}: output topic '{}' on system '{}' exists with {} partition(s), not the configured {} ({});"
            + " Strand does not alter existing topics", who, stream.stream(), stream.system(), existing.get(),
            spec.partitions().getAsInt(), spec.keys());
      }
      return;
    }
    if (!settings.create()) {
      throw new OutputTopicException("output topic '" + stream.stream() + "' does not exist on system '"
          + stream.system() + "' and " + OutputStreamConfig.STRAND_OUTPUTS_CREATE + "=false, so Strand does not"
          + " create it; create the topic, or set " + OutputStreamConfig.STRAND_OUTPUTS_CREATE
          + "=true to have it created with the systems." + stream.system() + ".streams." + stream.stream()
          + ".* / systems." + stream.system() + ".default.stream.* settings", null);
    }
    int partitions = spec.partitions().orElseGet(this::maxInputPartitions);
    Optional<Short> replication = spec.replicationFactor().isPresent()
        ? Optional.of((short) spec.replicationFactor().getAsInt()) : Optional.empty();
    try {
      metadata.ensureTopic(stream, partitions, replication, spec.configs());
    } catch (IllegalStateException e) {
      throw new OutputTopicException("cannot create output topic '" + stream.stream() + "' on system '"
          + stream.system() + "' with " + partitions + " partition(s), replication factor "
          + (replication.isPresent() ? replication.get() : "(cluster default)") + " and configs " + spec.configs()
          + (spec.keys().isEmpty() ? "" : " (from " + String.join(", ", spec.keys()) + ")") + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
  }

  /**
   * A stream's topic-level {@code max.message.bytes}, for the size check of {@link OutputStream};
   * one admin round trip, asked once per stream on its first send (after {@link #ensure}).
   *
   * @param stream the output stream
   * @return the limit in bytes, or empty if the topic cannot be described (no DescribeConfigs
   *     ACL, Kafka not answering): the broker still enforces it, reported at the next commit
   */
  public OptionalInt maxMessageBytes(SystemStream stream) {
    try {
      String v = metadata.topicConfigs(stream).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      return v == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(v.trim()));
    } catch (RuntimeException e) {
      LOG.debug("{}: max.message.bytes of output topic {} unknown: {}", who, stream, e.toString());
      return OptionalInt.empty();
    }
  }

  private int maxInputPartitions() {
    if (maxInputPartitions == 0) {
      maxInputPartitions = metadata.partitionCounts(settings.inputs()).values().stream()
          .mapToInt(Integer::intValue).max().orElse(1);
    }
    return maxInputPartitions;
  }
}
