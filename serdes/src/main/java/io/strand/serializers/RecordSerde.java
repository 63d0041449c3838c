package io.strand.serializers;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.List;

/**
 * A compact binary serde of a Java record class, for data only this job reads back: intermediate
 * (repartition) topics and store values, where JSON's field names and decimal numbers are pure
 * cost. It plays the part of Flink's serializers between operators and of Kafka Streams' freedom
 * to pick a repartition serde ({@code Grouped.with}): the bytes carry no schema, so both sides must
 * use the same record class (a changed record class cannot read bytes written by the old one; use
 * a schema'd format such as {@link AvroSerde} or {@link JsonSerde} for data that outlives a
 * deployment's code or is read by other programs).
 *
 * <p>The format is <a href="https://github.com/EsotericSoftware/kryo">Kryo 5</a>'s, as Flink's
 * Kryo fallback: Kryo's record serializer writes the components in declaration order with no
 * names; the top-level record's class is not written, and nested types are written by
 * registration id (every type is registered when the serde is made, in a fixed order), never by
 * class name. Component types supported: the primitives and their boxes, {@link String}, enums,
 * {@code byte[]}, other records (recursively, self-referencing ones included) and {@link List} of
 * any of the non-primitive ones. Lists read back are unmodifiable, with nulls allowed.
 *
 * <p>Null maps to null both ways. Thread-safe: a {@link Kryo} instance and its {@link Output} and
 * {@link Input} are not, so each thread that uses the serde gets its own set, made on its first call
 * and reused by every later one (Kryo's documented per-thread use; a task thread serializes every
 * record of its repartition, so a shared pool's lock and queue node per call, and a fresh output
 * buffer per record, would be paid per record).
 *
 * @param <T> the record type
 */
public final class RecordSerde<T extends Record> implements Serde<T> {

  /** The output buffer's first size, bytes; it grows as needed and is kept for the next record. */
  static final int OUTPUT_BUFFER = 256;

  /** Largest output buffer kept for the next record, bytes. */
  static final int KEPT_BUFFER_MAX = 1 << 20;

  private static final byte[] EMPTY = new byte[0];

  private final Class<T> type;
  private final RecordKryoTypes types;
  private final ThreadLocal<Codec> codecs;

  /** One thread's Kryo with the output and input it reuses across calls. */
  private record Codec(Kryo kryo, Output out, Input in) { }

  private RecordSerde(Class<T> type) {
    this.type = type;
    this.types = RecordKryoTypes.of(type);
    this.codecs = ThreadLocal.withInitial(() -> new Codec(types.newKryo(), new Output(OUTPUT_BUFFER, -1), new Input()));
    // made once here so a type Kryo cannot handle fails when the serde is made, not on first use
    codecs.get();
  }

  /**
   * The serde of a record class.
   *
   * @param type the record class (its canonical constructor and accessors must be accessible:
   *     public, or in a package open to Kryo's module)
   * @param <T> the record type
   * @return the serde
   * @throws IllegalArgumentException if a component's type is not supported (the message names
   *     the record and component)
   */
  public static <T extends Record> RecordSerde<T> of(Class<T> type) {
    return new RecordSerde<>(type);
  }

  /** The name errors give: {@code record:<class>}. */
  private String name() {
    return "record:" + type.getSimpleName();
  }

  @Override
  public byte[] toBytes(T object) {
    if (object == null) {
      return null;
    }
    Codec c = codecs.get();
    Output out = c.out();
    out.reset();
    try {
      c.kryo().writeObject(out, object);
      return out.toBytes();
    } catch (RuntimeException e) {
      throw new SerdeException(name(), SerdeException.NO_PAYLOAD, "cannot write a " + type.getName(), e);
    } finally {
      if (out.getBuffer().length > KEPT_BUFFER_MAX) {
        out.setBuffer(new byte[OUTPUT_BUFFER], -1); // one huge record does not pin its buffer to the thread
      }
    }
  }

  @Override
  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    Codec c = codecs.get();
    Input in = c.in();
    in.setBuffer(bytes);
    try {
      T value = c.kryo().readObject(in, type);
      if (in.position() != bytes.length) {
        throw new IllegalArgumentException((bytes.length - in.position()) + " bytes left after the record");
      }
      return value;
    } catch (RuntimeException e) {
      // KryoException (buffer underflow, unknown registration id) or a bad component value
      throw new SerdeException(name(), bytes.length, "not a binary " + type.getName(), e);
    } finally {
      in.setBuffer(EMPTY); // the thread's input does not keep the caller's array alive
    }
  }
}
