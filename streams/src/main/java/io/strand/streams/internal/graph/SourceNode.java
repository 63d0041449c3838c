package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;
import io.strand.streams.TimestampExtractor;
import java.util.List;

/**
 * An input of the graph: a topic the job reads, either an author's input or an intermediate topic
 * a {@link SinkNode} of the same graph writes (then its records are framed, see the runtime's
 * intermediate format, and its watermark comes from the upstream tasks' control records).
 *
 * @see SinkNode
 */
public final class SourceNode extends Node {

  /** What the topic is read as. */
  public enum Role {
    /** A stream of records. */
    STREAM,
    /** A co-partitioned table ({@code StreamGraph#table}): its partition of each task is restored at start. */
    TABLE,
    /** A global table: every partition broadcast to every task, bootstrapped from oldest at every start. */
    GLOBAL
  }

  private final String system;
  private final String topic;
  private final Serde<?> keySerde;
  private final Serde<?> valueSerde;
  private final TimestampExtractor<Object, Object> extractor;
  private final long outOfOrdernessMs;
  private final long idleTimeoutMs;
  private final List<SourceNode> upstream;
  private final Role role;

  SourceNode(String name, String system, String topic, Serde<?> keySerde, Serde<?> valueSerde,
      TimestampExtractor<Object, Object> extractor, long outOfOrdernessMs, long idleTimeoutMs,
      List<SourceNode> upstream) {
    this(name, system, topic, keySerde, valueSerde, extractor, outOfOrdernessMs, idleTimeoutMs, upstream, Role.STREAM);
  }

  SourceNode(String name, String system, String topic, Serde<?> keySerde, Serde<?> valueSerde,
      TimestampExtractor<Object, Object> extractor, long outOfOrdernessMs, long idleTimeoutMs,
      List<SourceNode> upstream, Role role) {
    super(name);
    this.role = role;
    this.system = system;
    this.topic = topic;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.extractor = extractor;
    this.outOfOrdernessMs = outOfOrdernessMs;
    this.idleTimeoutMs = idleTimeoutMs;
    this.upstream = List.copyOf(upstream);
  }

  /** @return the system */
  public String system() {
    return system;
  }

  /** @return the topic */
  public String topic() {
    return topic;
  }

  /** @return the keys' serde given by the author, or null (the system's, or framed bytes) */
  public Serde<?> keySerde() {
    return keySerde;
  }

  /** @return the values' serde given by the author, or null */
  public Serde<?> valueSerde() {
    return valueSerde;
  }

  /** @return the event-time extractor, or null for the record timestamp */
  public TimestampExtractor<Object, Object> extractor() {
    return extractor;
  }

  /** @return the bounded out-of-orderness, ms */
  public long outOfOrdernessMs() {
    return outOfOrdernessMs;
  }

  /** @return the idle timeout, ms, or negative for the job's default */
  public long idleTimeoutMs() {
    return idleTimeoutMs;
  }

  /** @return whether this is an intermediate topic of the graph */
  public boolean intermediate() {
    return !upstream.isEmpty();
  }

  /** @return for an intermediate topic, the sources whose tasks write it; else empty */
  public List<SourceNode> upstream() {
    return upstream;
  }

  /** @return what the topic is read as */
  public Role role() {
    return role;
  }
}
