package io.strand.serializers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;

/**
 * JSON in UTF-8, through Jackson. Payloads are read into one target type, a class or
 * {@code Map<String, Object>}; objects are written by their runtime type.
 *
 * <p>The default mapper ignores unknown properties, so producers may add fields without breaking
 * consumers, rejects trailing content after the JSON value, and registers every Jackson module
 * found on the classpath (such as {@code jackson-datatype-jsr310}). Null maps to null; the JSON
 * text {@code null} reads as null. Thread-safe: Jackson readers and writers are immutable.
 *
 * @param <T> the target type
 */
public final class JsonSerde<T> implements Serde<T> {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };

  private final String name;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final String typeName;

  /**
   * Creates one with the default mapper.
   *
   * @param name the registry name, used in errors
   * @param type the class payloads are read into
   */
  public JsonSerde(String name, Class<T> type) {
    this(name, defaultMapper(), defaultMapper().constructType(type));
  }

  /**
   * Creates one with a mapper of the caller's choosing; the mapper must not be reconfigured later.
   *
   * @param name the registry name, used in errors
   * @param mapper the mapper
   * @param type the type payloads are read into; must describe {@code T}
   */
  public JsonSerde(String name, ObjectMapper mapper, JavaType type) {
    this.name = name;
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writer();
    this.typeName = type.toCanonical();
  }

  /**
   * Creates one that reads payloads into maps, Samza's default.
   *
   * @param name the registry name, used in errors
   * @return the serde
   */
  public static JsonSerde<Map<String, Object>> ofMaps(String name) {
    ObjectMapper mapper = defaultMapper();
    return new JsonSerde<>(name, mapper, mapper.constructType(MAP));
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if Jackson cannot write the object
   */
  @Override
  public byte[] toBytes(T object) {
    if (object == null) {
      return null;
    }
    try {
      return writer.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new SerdeException(name, SerdeException.NO_PAYLOAD,
          "cannot write a " + object.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the payload is not JSON or does not bind to the target type
   */
  @Override
  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return reader.readValue(bytes);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new SerdeException(name, bytes.length, "not JSON for " + typeName + ": " + why, e);
    }
  }

  private static ObjectMapper defaultMapper() {
    return new ObjectMapper()
        .findAndRegisterModules()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
