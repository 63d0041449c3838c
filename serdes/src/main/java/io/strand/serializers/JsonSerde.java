package io.strand.serializers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON in UTF-8, through Jackson. Payloads are read into one target type, a class or
 * {@code Map<String, Object>}; objects are written by their runtime type.
 *
 * <p>The default mapper is strict, as Jackson's own defaults are for unknown properties: reading
 * into a class, a property the class does not have is an error
 * ({@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES}; a class annotated
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)} still ignores them), and so is a missing
 * creator property — a record component or a {@code @JsonCreator} parameter
 * ({@link DeserializationFeature#FAIL_ON_MISSING_CREATOR_PROPERTIES}; an explicit {@code null} is
 * accepted) — so {@code {}} or another type's JSON never reads as an object with every field null.
 * {@link Strictness} relaxes either. The mapper also rejects trailing content after the JSON value
 * and registers every Jackson module found on the classpath (such as {@code jackson-datatype-jsr310}).
 * Null maps to null; the JSON text {@code null} reads as null. Payloads read into maps are not
 * affected. Thread-safe: Jackson readers and writers are immutable; the thread that writes first
 * (or the next one after it ended) keeps a generator and buffer between writes ({@link ThreadJsonOutput}),
 * the others write through {@link ObjectWriter#writeValueAsBytes}.
 *
 * <p>With the default mapper, the plain JSON of a flat record class ({@code long}, {@code int},
 * {@code boolean} and {@code String} components, no Jackson annotations) is read off Jackson's
 * streaming parser ({@link RecordJsonReader}) rather than through databind, which for records boxes
 * every number and builds a context per read: the same record, about a third less CPU per read. The
 * reading thread keeps that parser from one payload to the next ({@link ThreadJsonInput}) rather
 * than making one per payload.
 * Any payload that is not that plain case (and every read with a caller's mapper) goes through
 * databind as before, with databind's result or error.
 *
 * @param <T> the target type
 */
public final class JsonSerde<T> implements Serde<T> {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
  };

  private final String name;
  private final ObjectReader reader;
  // The plain JSON of a flat record read off the streaming parser (RecordJsonReader); any other
  // payload goes to reader. Null for other types and for a caller's mapper.
  private final RecordJsonReader<T> plainReader;
  private final ObjectWriter writer;
  // Writes objects of exactly the target class with its serializer resolved once, here, instead
  // of looked up by runtime class on every call (a store or output of records of one class is the
  // common case); any other object goes through writer, by its runtime type, as before.
  private final ObjectWriter targetWriter;
  private final Class<?> targetClass;
  private final String typeName;
  private final ObjectMapper mapper;
  // Writers of other final classes, resolved at their first object, as targetWriter is for the
  // target class: an untyped serde (Samza's "json", reading maps) writing records of a few classes
  // (a job's output records) otherwise looked each class's serializer up on every call. At most
  // MAX_CLASS_WRITERS classes; any other object goes through writer.
  private final Map<Class<?>, ObjectWriter> classWriters = new ConcurrentHashMap<>();
  private static final int MAX_CLASS_WRITERS = 64;
  // Generators are made from here for ThreadJsonOutput: the mapper's features, no root separator.
  private final JsonFactory outputFactory;
  // The generator and buffer of the thread that writes through this serde (a task's thread), kept
  // between calls; other threads write as before. Final fields: safe to read from any thread.
  private ThreadJsonOutput output;

  /**
   * How strictly a payload must match the target class.
   *
   * @param failOnUnknownProperties a property the class does not have is an error (Jackson's
   *     {@code FAIL_ON_UNKNOWN_PROPERTIES}); {@code serializers.registry.<name>.fail.on.unknown.properties}
   * @param failOnMissingProperties a missing record component or {@code @JsonCreator} parameter is
   *     an error (Jackson's {@code FAIL_ON_MISSING_CREATOR_PROPERTIES}); when false only those marked
   *     {@code @JsonProperty(required = true)} must be present;
   *     {@code serializers.registry.<name>.fail.on.missing.properties}
   */
  public record Strictness(boolean failOnUnknownProperties, boolean failOnMissingProperties) {
    /** Both checks on: the default. */
    public static final Strictness STRICT = new Strictness(true, true);
  }

  /**
   * Creates one with the default (strict) mapper.
   *
   * @param name the registry name, used in errors
   * @param type the class payloads are read into
   */
  public JsonSerde(String name, Class<T> type) {
    this(name, type, Strictness.STRICT);
  }

  /**
   * Creates one with the default mapper, as strict as asked.
   *
   * @param name the registry name, used in errors
   * @param type the class payloads are read into
   * @param strictness which mismatches between payload and class are errors
   */
  public JsonSerde(String name, Class<T> type, Strictness strictness) {
    this(name, mapper(strictness), type);
  }

  private JsonSerde(String name, ObjectMapper mapper, Class<T> type) {
    this(name, mapper, mapper.constructType(type), RecordJsonReader.of(type, mapper.getFactory()));
  }

  /**
   * Creates one with a mapper of the caller's choosing; the mapper must not be reconfigured later.
   *
   * @param name the registry name, used in errors
   * @param mapper the mapper
   * @param type the type payloads are read into; must describe {@code T}
   */
  public JsonSerde(String name, ObjectMapper mapper, JavaType type) {
    this(name, mapper, type, null);
  }

  // plainReader only with this class's own mapper, whose configuration RecordJsonReader assumes.
  private JsonSerde(String name, ObjectMapper mapper, JavaType type, RecordJsonReader<T> plainReader) {
    this.name = name;
    this.plainReader = plainReader;
    this.mapper = mapper;
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writer();
    boolean exact = exact(type);
    this.targetClass = exact ? type.getRawClass() : null;
    this.targetWriter = exact ? mapper.writerFor(type) : null;
    this.typeName = type.toCanonical();
    this.outputFactory = ThreadJsonOutput.factoryFor(mapper);
  }

  /**
   * Creates one that reads payloads into maps, Samza's default.
   *
   * @param name the registry name, used in errors
   * @return the serde
   */
  public static JsonSerde<Map<String, Object>> ofMaps(String name) {
    ObjectMapper mapper = mapper(Strictness.STRICT);
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
    Class<?> c = object.getClass();
    ObjectWriter w = c == targetClass ? targetWriter : writerOf(c);
    ThreadJsonOutput out = outputOfThisThread();
    try {
      return out == null ? w.writeValueAsBytes(object) : out.write(w, object);
    } catch (IOException e) {
      if (out != null) {
        output = null; // its generator may hold half a value: the next write makes a new one
      }
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new SerdeException(name, SerdeException.NO_PAYLOAD,
          "cannot write a " + object.getClass().getName() + " as JSON: " + why, e);
    }
  }

  /**
   * The calling thread's reusable output: made for the first thread that writes, or taken over
   * from a thread that has ended (a start-up thread wrote first); null for any other thread and
   * for a re-entrant write, which write through {@link ObjectWriter#writeValueAsBytes}.
   */
  private ThreadJsonOutput outputOfThisThread() {
    Thread me = Thread.currentThread();
    ThreadJsonOutput out = output;
    if (out != null && out.owner() == me) {
      return out.busy() ? null : out;
    }
    if (out == null || !out.owner().isAlive()) {
      try {
        out = ThreadJsonOutput.of(me, outputFactory);
      } catch (IOException e) {
        return null; // an in-memory generator does not fail to open; if it did, write as before
      }
      output = out; // a race with another thread leaves one of them the owner; both stay correct
      return out;
    }
    return null;
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
    if (plainReader != null) {
      try {
        T plain = plainReader.read(bytes);
        if (plain != null) {
          return plain;
        }
      } catch (IOException e) {
        // Malformed: databind reads it again below and reports its own error.
      }
    }
    try {
      return reader.readValue(bytes);
    } catch (IOException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new SerdeException(name, bytes.length, "not JSON for " + typeName + ": " + why, e);
    }
  }

  /** The writer for objects of a class other than the target class: its own if it is {@link #exact}. */
  private ObjectWriter writerOf(Class<?> c) {
    ObjectWriter w = classWriters.get(c);
    if (w != null) {
      return w;
    }
    if (classWriters.size() >= MAX_CLASS_WRITERS) {
      return writer;
    }
    JavaType type = mapper.constructType(c);
    w = exact(type) ? mapper.writerFor(type) : writer;
    ObjectWriter raced = classWriters.putIfAbsent(c, w);
    return raced != null ? raced : w;
  }

  // Only a concrete, final class: a subclass instance must still be written with all its properties.
  private static boolean exact(JavaType type) {
    return !type.isContainerType() && !type.hasGenericTypes() && !type.isAbstract()
        && !type.isInterface() && Modifier.isFinal(type.getRawClass().getModifiers());
  }

  private static ObjectMapper mapper(Strictness strictness) {
    return new ObjectMapper()
        .findAndRegisterModules()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strictness.failOnUnknownProperties())
        .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, strictness.failOnMissingProperties())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }
}
