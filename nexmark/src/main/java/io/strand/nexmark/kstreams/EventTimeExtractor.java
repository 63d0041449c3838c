package io.strand.nexmark.kstreams;

import io.strand.nexmark.model.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for Kafka Streams: an input event's {@code dateTime} (equal to its Kafka timestamp,
 * by the generator's contract, so this only makes the rule explicit), and for the engine's own
 * exchange topics the record timestamp its writer set (the event time of the record it derives
 * from, or a window start; see {@link Exchange}).
 */
public final class EventTimeExtractor implements TimestampExtractor {

  /** Creates the extractor (Kafka Streams instantiates it by class name). */
  public EventTimeExtractor() {
  }

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return record.value() instanceof Event e ? e.dateTime() : record.timestamp();
  }
}
