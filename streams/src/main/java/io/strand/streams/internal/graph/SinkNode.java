package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;

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
