package io.strand.nexmark.kstreams;

import io.strand.nexmark.engine.EndOfInput;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.model.NexmarkJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka Streams serdes over {@link NexmarkJson}, the one codec of events, results and this
 * engine's intermediate records. A null stays null (tombstones). Thread-safe.
 */
final class JsonSerde {

  private JsonSerde() {
  }

  /**
   * A serde of a record type.
   *
   * @param type the record class
   * @param <T> the type
   * @return the serde
   */
  static <T> Serde<T> of(Class<T> type) {
    Serializer<T> serializer = (topic, value) -> value == null ? null : NexmarkJson.write(value);
    Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : NexmarkJson.read(bytes, type);
    return Serdes.serdeFrom(serializer, deserializer);
  }

  /**
   * The serde of an input topic: its deserializer reports every record to {@link EndOfInput#keep}
   * right after decoding it. Markers are kept in the stream (the topologies need them to advance
   * stream time, see {@link KStreamsTopologies}); the topologies drop them.
   *
   * @param type the event class
   * @param <T> the event type
   * @return the serde
   */
  static <T extends Event> Serde<T> input(Class<T> type) {
    Serializer<T> serializer = (topic, value) -> value == null ? null : NexmarkJson.write(value);
    Deserializer<T> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      T event = EventFormat.decode(bytes, type); // JSON or Avro, whichever the generator wrote
      EndOfInput.keep(event);
      return event;
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
