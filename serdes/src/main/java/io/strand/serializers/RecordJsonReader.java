package io.strand.serializers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the plain JSON of a flat record class straight from Jackson's streaming parser, for
 * {@link JsonSerde}: one object whose fields are exactly the record's components, each once, in
 * any order, with values of the component's own JSON type ({@code long}/{@code int}: an integer
 * number in range; {@code boolean}: {@code true}/{@code false}; {@code String}: a string), and
 * nothing after the object. The record is then made through its canonical constructor, as
 * Jackson's databind makes it, but without databind's per-read context, property buffer and boxed
 * numbers (Jackson's databind path for a record is its property-based creator, which boxes every
 * primitive into an {@code Object[]}).
 *
 * <p>Anything else is not read here: {@link #read} returns null and the caller reads the same bytes
 * with databind, which gives its own result or its own error (an unknown, missing, duplicate or
 * null field, another number type, a string for a number, malformed JSON, trailing content, a
 * constructor that throws). So a payload this reads is one databind would read to an equal record
 * with the default mapper of {@link JsonSerde}, and every other payload behaves exactly as before.
 * Made only for records whose components are all {@code long}, {@code int}, {@code boolean} or
 * {@code String}, at most 64 of them, and that carry no Jackson annotation on the class, a
 * component, its accessor or the canonical constructor (those can rename, alias or re-type a
 * property); a Jackson annotation elsewhere (e.g. {@code @JsonIgnore} on another getter) only makes
 * a field name that is not a component known to databind, and such a name is not read here.
 *
 * <p>Thread-safe. The thread that reads first (or the next one after it ended) keeps a parser
 * between reads and feeds it one payload after another ({@link ThreadJsonInput}); other threads,
 * re-entrant reads, payloads that do not start as a UTF-8 object and mappers whose stream-read
 * limits count over a parser's life get a parser per read, from the mapper's own factory. Either
 * parser has the mapper's features and stream-read limits.
 *
 * @param <T> the record type
 */
final class RecordJsonReader<T> {

  private enum Kind { LONG, INT, BOOLEAN, STRING }

  private final JsonFactory factory;
  // Makes the kept parser of ThreadJsonInput; null when the mapper's limits rule it out.
  private final JsonFactory streamFactory;
  // The parser and slots of the thread that reads (a task's thread), kept between reads. Final
  // fields only are read by other threads: safe to publish without a lock, as JsonSerde's output.
  private ThreadJsonInput input;
  private final SerializableString[] names;
  private final Map<String, Integer> index;
  private final Kind[] kinds;
  private final long all;
  // (long[] primitives, Object[] references) -> the record: the canonical constructor with each
  // parameter taken from its slot, so no primitive is boxed on the way.
  private final MethodHandle construct;

  private RecordJsonReader(JsonFactory factory, RecordComponent[] components, Kind[] kinds, MethodHandle construct) {
    this.factory = factory;
    this.streamFactory = ThreadJsonInput.factoryFor(factory);
    this.kinds = kinds;
    this.construct = construct;
    this.names = new SerializableString[components.length];
    this.index = new HashMap<>();
    for (int i = 0; i < components.length; i++) {
      names[i] = new SerializedString(components[i].getName());
      index.put(components[i].getName(), i);
    }
    this.all = components.length == 64 ? -1L : (1L << components.length) - 1;
  }

  /**
   * The reader of a record class, if this can read it (see the class comment).
   *
   * @param type the target class
   * @param factory the mapper's factory
   * @param <T> the target type
   * @return the reader, or null if the class is not a flat record of supported components
   */
  static <T> RecordJsonReader<T> of(Class<T> type, JsonFactory factory) {
    if (!type.isRecord() || hasJackson(type) || supertypesHaveJackson(type)) {
      return null;
    }
    RecordComponent[] components = type.getRecordComponents();
    if (components.length == 0 || components.length > 64) {
      return null;
    }
    Kind[] kinds = new Kind[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      kinds[i] = kindOf(c.getType());
      if (kinds[i] == null || hasJackson(c) || hasJackson(c.getAccessor())) {
        return null;
      }
    }
    try {
      Constructor<T> canonical = type.getDeclaredConstructor(types);
      if (hasJackson(canonical)) {
        return null;
      }
      for (Parameter p : canonical.getParameters()) {
        if (hasJackson(p)) {
          return null;
        }
      }
      if (!canonical.trySetAccessible()) {
        return null;
      }
      return new RecordJsonReader<>(factory, components, kinds, slots(MethodHandles.lookup().unreflectConstructor(canonical), kinds));
    } catch (NoSuchMethodException | IllegalAccessException | SecurityException e) {
      return null;
    }
  }

  /**
   * Reads one payload, if it is the plain JSON of the record.
   *
   * @param json the payload, UTF-8 JSON
   * @return the record, or null if the payload is anything else (read it with databind)
   * @throws IOException if the parser fails (malformed JSON: read it with databind for its error)
   */
  T read(byte[] json) throws IOException {
    ThreadJsonInput in = ThreadJsonInput.utf8Certain(json) ? inputOfThisThread() : null;
    if (in == null) {
      return readAlone(json);
    }
    in.busy(true);
    try {
      boolean whole;
      try {
        JsonParser p = in.begin(json);
        whole = fields(p, in.primitives, in.references) && in.endsHere(json);
      } catch (IOException e) {
        // Malformed or cut short: a parser of this payload alone sees the same tokens (the same
        // bytes, read as UTF-8 by both: utf8Certain) and fails too; databind reports the error.
        whole = false;
      }
      if (!whole) {
        in.drop(); // stopped inside the payload: the next one gets a new parser
        return null;
      }
      return construct(in.primitives, in.references);
    } finally {
      in.busy(false);
    }
  }

  /** Reads a payload with a parser of its own, made and closed here. */
  private T readAlone(byte[] json) throws IOException {
    long[] primitives = new long[kinds.length];
    Object[] references = new Object[kinds.length];
    try (JsonParser p = factory.createParser(json)) {
      if (!fields(p, primitives, references) || p.nextToken() != null) {
        return null;
      }
    }
    return construct(primitives, references);
  }

  /**
   * The calling thread's kept parser: made for the first thread that reads, or taken over from a
   * thread that has ended; null for any other thread, for a re-entrant read and when the mapper's
   * limits rule it out.
   */
  private ThreadJsonInput inputOfThisThread() {
    if (streamFactory == null) {
      return null;
    }
    Thread me = Thread.currentThread();
    ThreadJsonInput in = input;
    if (in != null && in.owner() == me) {
      return in.busy() ? null : in;
    }
    if (in == null || !in.owner().isAlive()) {
      in = ThreadJsonInput.of(me, streamFactory, kinds.length);
      input = in; // a race with another thread leaves one of them the owner; both stay correct
      return in;
    }
    return null;
  }

  /**
   * Reads one object from the parser's next token to its {@code END_OBJECT} into the slots.
   *
   * @return true if it was the plain JSON of the record (every component once, of its JSON type);
   *     false if not, the parser then stopped anywhere inside it
   */
  private boolean fields(JsonParser p, long[] primitives, Object[] references) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    long seen = 0;
    int expected = 0;
    while (true) {
      int i;
      // Fields in declaration order (as databind writes records) match on the raw bytes.
      boolean named = expected < names.length;
      if (named && p.nextFieldName(names[expected])) {
        i = expected;
      } else {
        JsonToken t = named ? p.currentToken() : p.nextToken();
        if (t == JsonToken.END_OBJECT) {
          break;
        }
        Integer at = t == JsonToken.FIELD_NAME ? index.get(p.currentName()) : null;
        if (at == null) {
          return false;
        }
        i = at;
      }
      long bit = 1L << i;
      if ((seen & bit) != 0) {
        return false;
      }
      seen |= bit;
      expected = i + 1;
      if (!value(p, p.nextToken(), i, primitives, references)) {
        return false;
      }
    }
    return seen == all;
  }

  /** The record of the slots, by its canonical constructor; null if the constructor refused them. */
  private T construct(long[] primitives, Object[] references) {
    try {
      @SuppressWarnings("unchecked")
      T record = (T) (Object) construct.invokeExact(primitives, references);
      return record;
    } catch (RuntimeException e) {
      return null;  // the constructor refused the values: databind reports it its own way
    } catch (Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("the canonical constructor threw " + t, t);
    }
  }

  /** Reads the value at the parser into slot {@code i}; false if it is not of the component's JSON type. */
  private boolean value(JsonParser p, JsonToken t, int i, long[] primitives, Object[] references) throws IOException {
    switch (kinds[i]) {
      case LONG -> {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return false;
        }
        primitives[i] = p.getLongValue();
      }
      case INT -> {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
          return false;
        }
        primitives[i] = p.getIntValue();
      }
      case BOOLEAN -> {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
          return false;
        }
        primitives[i] = t == JsonToken.VALUE_TRUE ? 1 : 0;
      }
      case STRING -> {
        if (t != JsonToken.VALUE_STRING) {
          return false;
        }
        references[i] = p.getText();
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static Kind kindOf(Class<?> c) {
    if (c == long.class) {
      return Kind.LONG;
    } else if (c == int.class) {
      return Kind.INT;
    } else if (c == boolean.class) {
      return Kind.BOOLEAN;
    } else if (c == String.class) {
      return Kind.STRING;
    }
    return null;
  }

  /** The constructor as (long[], Object[]) -> Object, parameter i read from slot i of the array of its kind. */
  private static MethodHandle slots(MethodHandle constructor, Kind[] kinds) {
    MethodHandle longAt = MethodHandles.arrayElementGetter(long[].class);
    MethodHandle refAt = MethodHandles.arrayElementGetter(Object[].class);
    MethodHandle[] filters = new MethodHandle[kinds.length];
    int[] reorder = new int[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      boolean primitive = kinds[i] != Kind.STRING;
      MethodHandle at = MethodHandles.insertArguments(primitive ? longAt : refAt, 1, i);
      Class<?> param = constructor.type().parameterType(i);
      filters[i] = MethodHandles.explicitCastArguments(at, MethodType.methodType(param, primitive ? long[].class : Object[].class));
      reorder[i] = primitive ? 0 : 1;
    }
    MethodHandle filtered = MethodHandles.filterArguments(constructor, 0, filters);
    return MethodHandles.permuteArguments(filtered,
        MethodType.methodType(constructor.type().returnType(), long[].class, Object[].class), reorder)
        .asType(MethodType.methodType(Object.class, long[].class, Object[].class));
  }

  /**
   * Whether an interface the record implements (or one of theirs) carries a Jackson annotation on
   * itself or on any method: databind merges those into the record (a type id, a renamed accessor).
   */
  private static boolean supertypesHaveJackson(Class<?> type) {
    for (Class<?> i : type.getInterfaces()) {
      if (hasJackson(i) || supertypesHaveJackson(i)) {
        return true;
      }
      for (java.lang.reflect.Method m : i.getDeclaredMethods()) {
        if (hasJackson(m)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasJackson(AnnotatedElement e) {
    for (Annotation a : e.getDeclaredAnnotations()) {
      String n = a.annotationType().getName();
      if (n.startsWith("com.fasterxml.jackson.")) {
        return true;
      }
    }
    return false;
  }
}
