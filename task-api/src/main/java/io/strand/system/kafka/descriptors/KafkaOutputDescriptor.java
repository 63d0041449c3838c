package io.strand.system.kafka.descriptors;

import io.strand.serializers.Serde;
import io.strand.system.descriptors.OutputDescriptor;

/**
 * An output topic of a {@link KafkaSystemDescriptor}, as Samza's {@code KafkaOutputDescriptor};
 * made by {@link KafkaSystemDescriptor#getOutputDescriptor}.
 *
 * @param <StreamMessageType> the type of the topic's messages
 */
public class KafkaOutputDescriptor<StreamMessageType>
    extends OutputDescriptor<StreamMessageType, KafkaOutputDescriptor<StreamMessageType>> {

  KafkaOutputDescriptor(String streamId, Serde<StreamMessageType> serde, KafkaSystemDescriptor system) {
    super(streamId, serde, system);
  }
}
