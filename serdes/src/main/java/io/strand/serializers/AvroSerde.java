package io.strand.serializers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro binary encoding with one fixed schema: no schema registry, no header, no fingerprint, so
 * the writer and every reader must agree on the schema. Generic mode reads a record schema into
 * {@link org.apache.avro.generic.GenericRecord}s, with Avro's {@code Utf8} for strings; specific
 * mode reads into a generated {@link SpecificRecord} class.
 *
 * <p>Null maps to null. Thread-safe: the writer is shared (Avro writers hold no per-call state),
 * each thread gets its own reader (Avro readers build caches lazily without locking).
 *
 * @param <T> the object type
 */
public final class AvroSerde<T> implements Serde<T> {
  private final String name;
  private final Schema schema;
  private final DatumWriter<T> writer;
  private final ThreadLocal<DatumReader<T>> readers;

  private AvroSerde(String name, Schema schema, DatumWriter<T> writer, Supplier<DatumReader<T>> newReader) {
    this.name = name;
    this.schema = schema;
    this.writer = writer;
    this.readers = ThreadLocal.withInitial(newReader);
  }

  /**
   * Creates one for generic data.
   *
   * @param name the registry name, used in errors
   * @param schema the schema of every payload
   * @return the serde
   */
  public static AvroSerde<Object> generic(String name, Schema schema) {
    GenericData data = GenericData.get();
    return new AvroSerde<>(name, schema, new GenericDatumWriter<>(schema, data),
        () -> new GenericDatumReader<>(schema, schema, data));
  }

  /**
   * Creates one for a generated record class, with the schema compiled into it.
   *
   * @param name the registry name, used in errors
   * @param type the generated class
   * @param <T> the record type
   * @return the serde
   * @throws org.apache.avro.AvroRuntimeException if {@code type} carries no Avro schema
   */
  public static <T extends SpecificRecord> AvroSerde<T> specific(String name, Class<T> type) {
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    return new AvroSerde<>(name, schema, new SpecificDatumWriter<>(schema, data),
        () -> new SpecificDatumReader<>(schema, schema, data));
  }

  /**
   * The schema payloads are written and read with.
   *
   * @return the schema
   */
  public Schema schema() {
    return schema;
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the object does not fit the schema (a missing required field, a
   *     value of the wrong type)
   */
  @Override
  public byte[] toBytes(T object) {
    if (object == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    // Direct encoder: writes straight to the array stream, no intermediate buffer per call.
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(object, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerdeException(name, SerdeException.NO_PAYLOAD, "a " + object.getClass().getName()
          + " does not fit schema " + schema.getFullName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the payload is cut short, malformed, or longer than one datum of
   *     the schema (which usually means it was written with another schema)
   */
  @Override
  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    T value;
    try {
      value = readers.get().read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerdeException(name, bytes.length, "not Avro binary of schema " + schema.getFullName()
          + ": " + e, e);
    }
    boolean atEnd;
    try {
      atEnd = decoder.isEnd();
    } catch (IOException e) {
      atEnd = false;
    }
    if (!atEnd) {
      throw new SerdeException(name, bytes.length, "bytes are left after one datum of schema "
          + schema.getFullName() + "; the payload was probably written with another schema", null);
    }
    return value;
  }
}
