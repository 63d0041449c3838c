package io.strand.nexmark.flink;

import io.strand.nexmark.model.Event;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Where a query's input streams come from: Kafka in the engine ({@link KafkaConnections}), a
 * bounded collection in tests. Each stream carries every input record including the end-of-input
 * markers, with the event's {@code dateTime} as its timestamp and watermarks already assigned per
 * input partition (highest event time minus {@code NexmarkSemantics.WATERMARK_LAG_MS}); the
 * queries drop the markers themselves ({@link FlinkQueries}).
 */
public interface EventStreams {

  /**
   * The stream of one event type; asked at most once per type and job.
   *
   * @param type {@code Person.class}, {@code Auction.class} or {@code Bid.class}
   * @param <T> the event type
   * @return the stream, markers included
   */
  <T extends Event> DataStream<T> of(Class<T> type);
}
