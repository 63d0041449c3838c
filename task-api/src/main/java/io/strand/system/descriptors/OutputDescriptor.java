package io.strand.system.descriptors;

import io.strand.serializers.Serde;

/**
 * Describes an output stream, as Samza's {@code OutputDescriptor}: its topic, serde and
 * per-stream settings. A task sends to it with
 * {@code new OutgoingMessageEnvelope(new SystemStream(system, topic), ...)}.
 *
 * @param <StreamMessageType> the type of the stream's messages
 * @param <SubClass> the concrete descriptor
 */
public abstract class OutputDescriptor<StreamMessageType, SubClass extends OutputDescriptor<StreamMessageType, SubClass>>
    extends StreamDescriptor<StreamMessageType, SubClass> {

  /**
   * Creates the descriptor.
   *
   * @param streamId the stream id (the topic unless a physical name is given)
   * @param serde the serde of its messages, or null for bytes
   * @param systemDescriptor its system
   */
  protected OutputDescriptor(String streamId, Serde<StreamMessageType> serde, SystemDescriptor<?> systemDescriptor) {
    super(streamId, serde, systemDescriptor);
  }
}
