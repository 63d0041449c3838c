package io.strand.benchmarks.flights;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde writing values as JSON with Jackson, as Strand's {@code json} serde writes the
 * flights job's outputs and stores: the Kafka Streams and raw versions of the job write the same
 * JSON records.
 *
 * <p>Threading: thread-safe (Jackson's mapper is).
 *
 * @param <T> the value type
 */
public final class JacksonSerde<T> implements Serde<T> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Class<T> type;

  /** @param type the value type, a record Jackson can read and write */
  public JacksonSerde(Class<T> type) {
    this.type = type;
  }

  /**
   * @param value a value, or null
   * @return its JSON, or null for null
   * @throws UncheckedIOException if Jackson cannot write it
   */
  public static byte[] write(Object value) {
    try {
      return value == null ? null : JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /**
   * @param bytes JSON, or null
   * @param type what it holds
   * @param <V> the type
   * @return the value, or null for null
   * @throws SerializationException if the bytes are not such a value
   */
  public static <V> V read(byte[] bytes, Class<V> type) {
    try {
      return bytes == null ? null : JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new SerializationException("not a " + type.getSimpleName() + " in JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> write(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> read(bytes, type);
  }
}
