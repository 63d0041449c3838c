package io.strand.serializers;

import java.util.HashSet;

/**
 * A compact binary serde of a Java record class, for data only this job reads back: intermediate
 * (repartition) topics and store values, where JSON's field names and decimal numbers are pure
 * cost. It plays the part of Flink's built-in POJO and list serializers and of Kafka Streams'
 * freedom to pick a repartition serde ({@code Grouped.with}): the bytes carry no schema, so
 * both sides must use the same record class (a changed record class cannot read bytes written
 * by the old one; use a schema'd format such as {@link AvroSerde} or {@link JsonSerde} for data
 * that outlives a deployment's code or is read by other programs).
 *
 * <p>Layout: the components in declaration order, with no tags or names. Primitives fixed-width,
 * big-endian ({@code boolean} one byte, {@code char} two); boxed primitives, strings, enums,
 * byte arrays, lists and nested records start with a presence byte (0 null, 1 present); strings
 * as a 4-byte UTF-8 length and the bytes; enums by constant name as strings; byte arrays and
 * lists as a 4-byte count and the elements. Component types supported: the primitives and their
 * boxes, {@link String}, enums, {@code byte[]}, other records (recursively, not self-referencing)
 * and {@link List} of any of the non-primitive ones. Lists read back are unmodifiable
 * ({@link List#of}-like, with nulls allowed).
 *
 * <p>Null maps to null both ways. Thread-safe: instances hold only immutable codecs.
 *
 * @param <T> the record type
 */
public final class RecordSerde<T extends Record> implements Serde<T> {

  private final Class<T> type;
  private final RecordCodecs.RecordCodec codec;

  private RecordSerde(Class<T> type) {
    this.type = type;
    this.codec = RecordCodecs.RecordCodec.of(type, new HashSet<>());
  }

  /**
   * The serde of a record class.
   *
   * @param type the record class (its canonical constructor and accessors must be accessible:
   *     public, or in a package open to this module)
   * @param <T> the record type
   * @return the serde
   * @throws IllegalArgumentException if a component's type is not supported (the message names
   *     the record and component) or the class refers to itself
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
    BinaryWriter out = new BinaryWriter(64);
    try {
      codec.writeFields(object, out);
    } catch (RuntimeException e) {
      throw new SerdeException(name(), SerdeException.NO_PAYLOAD, "cannot write a " + type.getName(), e);
    }
    return out.toArray();
  }

  @Override
  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    BinaryReader in = new BinaryReader(bytes);
    try {
      T value = type.cast(codec.readFields(in));
      if (in.remaining() != 0) {
        throw new IllegalArgumentException(in.remaining() + " bytes left after the record");
      }
      return value;
    } catch (RuntimeException e) {
      throw new SerdeException(name(), bytes.length, "not a binary " + type.getName(), e);
    }
  }
}
