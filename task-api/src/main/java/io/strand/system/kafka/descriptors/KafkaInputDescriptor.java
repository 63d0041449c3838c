package io.strand.system.kafka.descriptors;

import io.strand.serializers.Serde;
import io.strand.system.descriptors.InputDescriptor;

/**
 * An input topic of a {@link KafkaSystemDescriptor}, as Samza's {@code KafkaInputDescriptor};
 * made by {@link KafkaSystemDescriptor#getInputDescriptor}.
 *
 * @param <StreamMessageType> the type of the topic's messages
 */
public class KafkaInputDescriptor<StreamMessageType>
    extends InputDescriptor<StreamMessageType, KafkaInputDescriptor<StreamMessageType>> {

  KafkaInputDescriptor(String streamId, Serde<StreamMessageType> serde, KafkaSystemDescriptor system) {
    super(streamId, serde, system);
  }
}
