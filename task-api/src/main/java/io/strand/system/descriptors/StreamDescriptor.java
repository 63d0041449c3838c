package io.strand.system.descriptors;

import io.strand.serializers.Serde;
import io.strand.system.SystemStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describes one stream (a Kafka topic) of a system, as Samza's {@code StreamDescriptor}: its id,
 * physical name (the topic; the id unless {@link #withPhysicalName} says otherwise), serde and
 * per-stream settings ({@code systems.<s>.streams.<topic>.*}).
 *
 * <p>Threading: a builder; use it from the thread that runs the application's {@code describe}.
 *
 * @param <StreamMessageType> the type of the stream's messages
 * @param <SubClass> the concrete descriptor, returned by the {@code with} methods for chaining
 */
public abstract class StreamDescriptor<StreamMessageType, SubClass extends StreamDescriptor<StreamMessageType, SubClass>> {

  private final String streamId;
  private final Serde<StreamMessageType> serde;
  private final SystemDescriptor<?> systemDescriptor;
  private final Map<String, String> streamConfigs = new LinkedHashMap<>();
  private String physicalName;

  /**
   * Creates the descriptor.
   *
   * @param streamId the stream id, also the topic unless a physical name is given; not blank
   * @param serde the serde of its messages, or null to leave them as bytes
   * @param systemDescriptor the system the stream belongs to
   * @throws IllegalArgumentException if the id is blank
   */
  protected StreamDescriptor(String streamId, Serde<StreamMessageType> serde, SystemDescriptor<?> systemDescriptor) {
    if (streamId == null || streamId.isBlank()) {
      throw new IllegalArgumentException("a stream id must be non-blank, got "
          + (streamId == null ? "null" : "'" + streamId + "'"));
    }
    this.streamId = streamId;
    this.serde = serde;
    this.systemDescriptor = Objects.requireNonNull(systemDescriptor, "systemDescriptor");
  }

  /**
   * The topic's name when it differs from the stream id.
   *
   * @param physicalName the topic name
   * @return this descriptor
   */
  public SubClass withPhysicalName(String physicalName) {
    if (physicalName == null || physicalName.isBlank()) {
      throw new IllegalArgumentException("a physical name must be non-blank");
    }
    this.physicalName = physicalName;
    return self();
  }

  /**
   * Other settings of this stream: {@code systems.<s>.streams.<topic>.<key>}.
   *
   * @param configs setting name (after {@code systems.<s>.streams.<topic>.}) to value
   * @return this descriptor
   */
  public SubClass withStreamConfigs(Map<String, String> configs) {
    streamConfigs.putAll(configs);
    return self();
  }

  /**
   * The stream id.
   *
   * @return the id given at creation
   */
  public String getStreamId() {
    return streamId;
  }

  /**
   * The topic: the physical name if set, else the stream id.
   *
   * @return the topic name
   */
  public String getPhysicalName() {
    return physicalName != null ? physicalName : streamId;
  }

  /**
   * The system name.
   *
   * @return the name of the system descriptor this stream came from
   */
  public String getSystemName() {
    return systemDescriptor.getSystemName();
  }

  /**
   * The system this stream belongs to.
   *
   * @return its descriptor
   */
  public SystemDescriptor<?> getSystemDescriptor() {
    return systemDescriptor;
  }

  /**
   * The stream as the task sees it in envelopes and sends to it.
   *
   * @return {@code system.topic}
   */
  public SystemStream getSystemStream() {
    return new SystemStream(getSystemName(), getPhysicalName());
  }

  /**
   * The serde of the stream's messages.
   *
   * @return the serde, or null when messages stay bytes
   */
  public Serde<StreamMessageType> getSerde() {
    return serde;
  }

  /**
   * The per-stream configuration this descriptor stands for, without serdes (the application
   * descriptor names those, since they are registered job-wide).
   *
   * @return full keys to values
   */
  public Map<String, String> toConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    streamConfigs.forEach((k, v) -> config.put(streamKey(k), v));
    return config;
  }

  /**
   * A key of this stream.
   *
   * @param suffix the part after {@code systems.<s>.streams.<topic>.}
   * @return the full key
   */
  protected final String streamKey(String suffix) {
    return "systems." + getSystemName() + ".streams." + getPhysicalName() + "." + suffix;
  }

  @SuppressWarnings("unchecked")
  private SubClass self() {
    return (SubClass) this;
  }
}
