package io.strand.nexmark.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON codec of Nexmark events and query results (Jackson): a record's components are the
 * JSON fields, by name, numbers as JSON numbers (ids, prices in cents and times in ms are longs);
 * unknown fields are an error. Keys on every Nexmark topic are the decimal string of a long id,
 * UTF-8 ({@link #key(long)}). Thread-safe.
 */
public final class NexmarkJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private static final ObjectWriter WRITER = MAPPER.writer();
  /** One reader per record class: {@code readerFor} per call would build a reader each time. */
  private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
    @Override
    protected ObjectReader computeValue(Class<?> type) {
      return MAPPER.readerFor(type);
    }
  };

  private NexmarkJson() {
  }

  /**
   * Encodes a record.
   *
   * @param value an event or a query result
   * @return its JSON, UTF-8
   * @throws UncheckedIOException if Jackson cannot encode it
   */
  public static byte[] write(Object value) {
    try {
      return WRITER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decodes a record.
   *
   * @param json the JSON, UTF-8
   * @param type the record class
   * @param <T> the record type
   * @return the record
   * @throws UncheckedIOException if the bytes are not JSON of that type (the message quotes the text)
   */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return READERS.get(type).readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not a " + type.getSimpleName() + ": "
          + new String(json, StandardCharsets.UTF_8), e);
    }
  }

  /**
   * The key of a record on a Nexmark topic.
   *
   * @param id the id
   * @return its decimal string, UTF-8
   */
  public static byte[] key(long id) {
    return Long.toString(id).getBytes(StandardCharsets.UTF_8);
  }
}
