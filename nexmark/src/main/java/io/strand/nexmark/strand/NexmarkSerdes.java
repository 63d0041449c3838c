package io.strand.nexmark.strand;

import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.model.NexmarkAvro;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.serializers.JsonSerde;
import io.strand.serializers.RecordSerde;
import io.strand.serializers.Serde;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The serdes of Strand's Nexmark jobs: keys are UTF-8 strings (decimal ids), values the JSON of
 * a record class ({@link NexmarkJson}); intermediate topics and stores that only the job reads
 * back may use the binary form of a record ({@link #binary}). Stateless.
 */
public final class NexmarkSerdes {

  /** UTF-8 string keys. */
  public static final Serde<String> KEY = new Serde<>() {
    @Override
    public byte[] toBytes(String object) {
      return object == null ? null : object.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String fromBytes(byte[] bytes) {
      return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  };

  private NexmarkSerdes() {
  }

  /**
   * The serde of an input event class: reads JSON or Avro values (as {@link EventFormat#decode}
   * tells them apart), writes JSON. JSON is read with Strand's own JSON serde ({@link JsonSerde},
   * Jackson, strict: an unknown or missing field is an error), as a Strand job reads JSON input;
   * the other engines read it with {@link NexmarkJson} (Jackson databind), to the same event.
   *
   * @param type the event class
   * @param <T> the event type
   * @return the serde (null maps to null both ways)
   */
  public static <T extends Event> Serde<T> event(Class<T> type) {
    JsonSerde<T> json = new JsonSerde<>(type.getSimpleName(), type);
    return serde(bytes -> NexmarkAvro.isAvro(bytes) ? NexmarkAvro.read(bytes, type) : json.fromBytes(bytes));
  }

  /**
   * The JSON serde of a record class.
   *
   * @param type the record class
   * @param <T> the record type
   * @return the serde (null maps to null both ways)
   */
  public static <T> Serde<T> json(Class<T> type) {
    return serde(bytes -> NexmarkJson.read(bytes, type));
  }

  /**
   * The compact binary serde of a record class ({@link RecordSerde}), for the data only the job
   * itself reads back: repartition topics and store values (Flink's queries hand such records
   * between operators with Flink's own binary serializers; Kafka Streams' let the user choose).
   *
   * @param type the record class
   * @param <T> the record type
   * @return the serde (null maps to null both ways)
   */
  public static <T extends Record> Serde<T> binary(Class<T> type) {
    return RecordSerde.of(type);
  }

  /** Writes JSON, reads with {@code decode}; null maps to null both ways. */
  private static <T> Serde<T> serde(Function<byte[], T> decode) {
    return new Serde<>() {
      @Override
      public byte[] toBytes(T object) {
        return object == null ? null : NexmarkJson.write(object);
      }

      @Override
      public T fromBytes(byte[] bytes) {
        return bytes == null ? null : decode.apply(bytes);
      }
    };
  }

}
