package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;
import io.strand.system.SystemStream;

/**
 * Writes records to a topic: an output ({@code to}) or an intermediate topic (repartition), whose
 * records are framed with their event time and interleaved with watermark control records.
 */
public final class SinkNode extends Node {

  private final String system;
  private final String topic;
  private final Serde<?> keySerde;
  private final Serde<?> valueSerde;
  private final boolean intermediate;
  /** Made at the first task's build; a race between tasks makes two equal ones, either is right. */
  private SystemStream stream;

  SinkNode(String name, String system, String topic, Serde<?> keySerde, Serde<?> valueSerde, boolean intermediate) {
    super(name);
    this.system = system;
    this.topic = topic;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.intermediate = intermediate;
  }

  /** @return the system */
  public String system() {
    return system;
  }

  /** @return the topic */
  public String topic() {
    return topic;
  }

  /**
   * The topic as a system stream, one instance for all the container's tasks (they share the
   * graph), so the collector's last-stream test is an identity hit whichever task sends.
   *
   * @return the system stream of {@link #system()} and {@link #topic()}
   * @throws IllegalArgumentException if the names are not a valid system stream
   */
  public SystemStream systemStream() {
    SystemStream s = stream;
    if (s == null) {
      s = new SystemStream(system, topic);
      stream = s;
    }
    return s;
  }

  /** @return the keys' serde given by the author, or null for the system's */
  public Serde<?> keySerde() {
    return keySerde;
  }

  /** @return the values' serde given by the author, or null for the system's */
  public Serde<?> valueSerde() {
    return valueSerde;
  }

  /** @return whether the topic is one of the graph's intermediate topics */
  public boolean intermediate() {
    return intermediate;
  }
}
