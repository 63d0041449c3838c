package io.strand.serializers;

import io.strand.config.view.SerializerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.List;
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
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avro binary payloads, framed by default with Avro's single-object encoding
 * ({@link AvroEncoding#SINGLE_OBJECT}: marker {@code C3 01}, the writer schema's 8-byte CRC-64-AVRO
 * fingerprint, the datum), written and read with Avro's own {@code org.apache.avro.message}
 * encoder and decoder. A payload's writer schema is looked up by its fingerprint among the schemas
 * the serde knows (its own plus the configured writer schemas) and resolved against the serde's
 * schema with Avro's schema resolution, so a reader reads records of older or newer compatible
 * schemas: added fields take their defaults, removed fields are skipped, {@code int} is promoted to
 * {@code long}, fields match by name whatever their order. An unknown fingerprint, a writer schema
 * the reader cannot read, or a payload without the header is a {@link SerdeException}, never a
 * guess. {@link AvroEncoding#CONFLUENT} frames the datum as Confluent's serializers do (magic
 * byte {@code 00}, a 4-byte big-endian schema id) and finds the writer's schema by id among
 * configured ones ({@link AvroSchemaIds}), resolving it the same way. {@link AvroEncoding#RAW}
 * writes and reads the bare datum with the serde's schema alone (unsafe across schema changes).
 *
 * <p>Generic mode reads {@link org.apache.avro.generic.GenericRecord}s, with Avro's {@code Utf8}
 * for strings; specific mode reads into a generated {@link SpecificRecord} class. Null maps to null.
 *
 * <p>Thread-safe: Avro's message encoder and decoder keep their per-call state in thread-locals;
 * in the raw and confluent modes the writer is shared (Avro writers hold no per-call state) and
 * each thread gets its own readers (Avro readers build caches lazily without locking).
 *
 * @param <T> the object type
 */
public final class AvroSerde<T> implements Serde<T> {
  private static final Logger LOG = LoggerFactory.getLogger(AvroSerde.class);
  /** Marker (2 bytes) and fingerprint (8 bytes) of the single-object encoding. */
  private static final int HEADER_BYTES = 10;

  private final String name;
  private final Schema schema;
  private final AvroEncoding encoding;
  private final AvroCodec<T> codec;

  private AvroSerde(String name, Schema schema, AvroEncoding encoding, AvroCodec<T> codec) {
    this.name = name;
    this.schema = schema;
    this.encoding = encoding;
    this.codec = codec;
  }

  /**
   * Creates one for generic data in the single-object encoding that knows only its own schema.
   *
   * @param name the registry name, used in errors
   * @param schema the schema payloads are written and read with
   * @return the serde
   */
  public static AvroSerde<Object> generic(String name, Schema schema) {
    return generic(name, schema, AvroEncoding.SINGLE_OBJECT, List.of());
  }

  /**
   * Creates one for generic data.
   *
   * @param name the registry name, used in errors
   * @param schema the schema payloads are written with and read into
   * @param encoding the framing
   * @param writerSchemas further schemas payloads may have been written with (single-object
   *     encoding only; schemas the reader cannot read are known, and their payloads rejected)
   * @return the serde
   * @throws IllegalArgumentException if writer schemas are given with the raw encoding, or the
   *     encoding is {@link AvroEncoding#CONFLUENT} (use {@link #generic(String, Schema, AvroSchemaIds)})
   */
  public static AvroSerde<Object> generic(String name, Schema schema, AvroEncoding encoding,
      Collection<Schema> writerSchemas) {
    return create(name, schema, GenericData.get(), encoding, writerSchemas,
        () -> new GenericDatumWriter<>(schema, GenericData.get()),
        () -> new GenericDatumReader<>(schema, schema, GenericData.get()));
  }

  /**
   * Creates one for a generated record class in the single-object encoding that knows only the
   * class's schema.
   *
   * @param name the registry name, used in errors
   * @param type the generated class
   * @param <T> the record type
   * @return the serde
   * @throws org.apache.avro.AvroRuntimeException if {@code type} carries no Avro schema
   */
  public static <T extends SpecificRecord> AvroSerde<T> specific(String name, Class<T> type) {
    return specific(name, type, AvroEncoding.SINGLE_OBJECT, List.of());
  }

  /**
   * Creates one for a generated record class, with the schema compiled into it.
   *
   * @param name the registry name, used in errors
   * @param type the generated class
   * @param encoding the framing
   * @param writerSchemas further schemas payloads may have been written with (single-object
   *     encoding only)
   * @param <T> the record type
   * @return the serde
   * @throws org.apache.avro.AvroRuntimeException if {@code type} carries no Avro schema
   * @throws IllegalArgumentException if writer schemas are given with the raw encoding, or the
   *     encoding is {@link AvroEncoding#CONFLUENT} (use {@link #specific(String, Class, AvroSchemaIds)})
   */
  public static <T extends SpecificRecord> AvroSerde<T> specific(String name, Class<T> type, AvroEncoding encoding,
      Collection<Schema> writerSchemas) {
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    return create(name, schema, data, encoding, writerSchemas, () -> new SpecificDatumWriter<T>(schema, data),
        () -> new SpecificDatumReader<T>(schema, schema, data));
  }

  /**
   * Creates one for generic data in the Confluent wire format ({@link AvroEncoding#CONFLUENT}).
   *
   * @param name the registry name, used in errors
   * @param schema the schema payloads are written with (under {@code ids.readerSchemaId()}) and read into
   * @param ids the reader schema's id and the writer schemas by id
   * @return the serde
   * @throws IllegalArgumentException if {@code ids} lists another schema under the reader's id
   */
  public static AvroSerde<Object> generic(String name, Schema schema, AvroSchemaIds ids) {
    AvroConfluentCodec<Object> codec = new AvroConfluentCodec<>(name, schema, GenericData.get(), ids,
        new GenericDatumWriter<>(schema, GenericData.get()));
    LOG.debug("Avro serde '{}' reads {} with writer schemas by id {}", name, schema.getFullName(), codec.describe());
    return new AvroSerde<>(name, schema, AvroEncoding.CONFLUENT, codec);
  }

  /**
   * Creates one for a generated record class in the Confluent wire format
   * ({@link AvroEncoding#CONFLUENT}), with the schema compiled into it.
   *
   * @param name the registry name, used in errors
   * @param type the generated class
   * @param ids the id of the class's schema and the writer schemas by id
   * @param <T> the record type
   * @return the serde
   * @throws org.apache.avro.AvroRuntimeException if {@code type} carries no Avro schema
   * @throws IllegalArgumentException if {@code ids} lists another schema under the reader's id
   */
  public static <T extends SpecificRecord> AvroSerde<T> specific(String name, Class<T> type, AvroSchemaIds ids) {
    SpecificData data = SpecificData.getForClass(type);
    Schema schema = data.getSchema(type);
    AvroConfluentCodec<T> codec = new AvroConfluentCodec<>(name, schema, data, ids,
        new SpecificDatumWriter<T>(schema, data));
    LOG.debug("Avro serde '{}' reads {} with writer schemas by id {}", name, schema.getFullName(), codec.describe());
    return new AvroSerde<>(name, schema, AvroEncoding.CONFLUENT, codec);
  }

  private static <T> AvroSerde<T> create(String name, Schema schema, GenericData data, AvroEncoding encoding,
      Collection<Schema> writerSchemas, Supplier<DatumWriter<T>> rawWriter, Supplier<DatumReader<T>> rawReader) {
    if (encoding == AvroEncoding.CONFLUENT) {
      throw new IllegalArgumentException("Avro serde '" + name + "': the confluent encoding needs schema ids;"
          + " create it with AvroSchemaIds");
    }
    if (encoding == AvroEncoding.RAW) {
      if (!writerSchemas.isEmpty()) {
        throw new IllegalArgumentException("Avro serde '" + name + "': writer schemas need the single-object"
            + " encoding; raw payloads carry no fingerprint to find them by");
      }
      return new AvroSerde<>(name, schema, encoding, new RawCodec<>(name, schema, rawWriter.get(), rawReader));
    }
    AvroWriterSchemas known = new AvroWriterSchemas(schema, writerSchemas);
    LOG.debug("Avro serde '{}' reads {} with writer schemas {}", name, schema.getFullName(), known.describe());
    return new AvroSerde<>(name, schema, encoding, new SingleObjectCodec<>(name, schema, data, known));
  }

  /**
   * The schema payloads are written with and read into.
   *
   * @return the schema
   */
  public Schema schema() {
    return schema;
  }

  /**
   * How payloads are framed.
   *
   * @return the encoding
   */
  public AvroEncoding encoding() {
    return encoding;
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
    try {
      codec.write(object, out);
    } catch (IOException | RuntimeException e) {
      throw new SerdeException(name, SerdeException.NO_PAYLOAD, "a " + object.getClass().getName()
          + " does not fit schema " + schema.getFullName() + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException in the single-object encoding, if the payload does not start with the
   *     single-object header, its fingerprint names a schema the serde does not know or one the
   *     reader's schema cannot read, or the datum does not decode; in the confluent encoding, if
   *     the payload does not start with the magic byte {@code 00} and a schema id, the id is not
   *     configured or names a schema the reader's cannot read, or the datum does not decode or is
   *     followed by more bytes; in the raw encoding, if the
   *     payload is cut short, malformed, or longer than one datum of the schema
   */
  @Override
  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    return codec.read(bytes);
  }

  /** The bare datum, written and read with the serde's schema alone. */
  private static final class RawCodec<T> implements AvroCodec<T> {
    private final String name;
    private final Schema schema;
    private final DatumWriter<T> writer;
    private final ThreadLocal<DatumReader<T>> readers;

    RawCodec(String name, Schema schema, DatumWriter<T> writer, Supplier<DatumReader<T>> newReader) {
      this.name = name;
      this.schema = schema;
      this.writer = writer;
      this.readers = ThreadLocal.withInitial(newReader);
    }

    @Override
    public void write(T object, ByteArrayOutputStream out) throws IOException {
      // Direct encoder: writes straight to the array stream, no intermediate buffer per call.
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(object, encoder);
      encoder.flush();
    }

    @Override
    public T read(byte[] bytes) {
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

  /** Avro's single-object encoding, by Avro's message encoder and decoder. */
  private static final class SingleObjectCodec<T> implements AvroCodec<T> {
    private final String name;
    private final Schema schema;
    private final AvroWriterSchemas known;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    SingleObjectCodec(String name, Schema schema, GenericData data, AvroWriterSchemas known) {
      this.name = name;
      this.schema = schema;
      this.known = known;
      this.encoder = new BinaryMessageEncoder<>(data, schema);
      this.decoder = new BinaryMessageDecoder<>(data, schema, known);
    }

    @Override
    public void write(T object, ByteArrayOutputStream out) throws IOException {
      encoder.encode(object, out);
    }

    @Override
    public T read(byte[] bytes) {
      // Avro's decoder reads the datum with a direct (unbuffered) decoder, so what the stream has
      // left afterwards is exactly what follows the datum.
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      T value;
      try {
        value = decoder.decode(in, null);
      } catch (BadHeaderException e) {
        throw new SerdeException(name, bytes.length, "not single-object encoded: first bytes "
            + AvroCodec.firstBytes(bytes) + ", expected C3 01 and an 8-byte schema fingerprint; " + otherFraming(bytes),
            null);
      } catch (MissingSchemaException e) {
        throw new SerdeException(name, bytes.length, known.whyUnreadable(fingerprint(bytes),
            SerializerConfig.registryPrefix(name) + "writer.schemas"), null);
      } catch (IOException | RuntimeException e) {
        throw new SerdeException(name, bytes.length, "not Avro binary of writer schema " + writer(bytes)
            + " read as " + schema.getFullName() + ": " + AvroCodec.causes(e), e);
      }
      if (in.available() > 0) {
        throw new SerdeException(name, bytes.length, in.available() + " byte(s) are left after one datum of writer"
            + " schema " + writer(bytes) + "; the payload is corrupt", null);
      }
      return value;
    }

    private String writer(byte[] bytes) {
      return bytes.length < HEADER_BYTES ? "unknown" : known.name(fingerprint(bytes));
    }

    /** Advice for a payload without the single-object header: the framing it seems to have. */
    private String otherFraming(byte[] bytes) {
      String key = SerializerConfig.registryPrefix(name) + "encoding=";
      if (bytes.length > AvroConfluentCodec.HEADER_BYTES && bytes[0] == AvroConfluentCodec.MAGIC) {
        return "it looks like the Confluent wire format (magic byte 00, schema id "
            + ByteBuffer.wrap(bytes, 1, Integer.BYTES).getInt() + "): set " + key + AvroEncoding.CONFLUENT.configValue()
            + " with the schema ids";
      }
      return "if its producer writes bare Avro binary, set " + key + AvroEncoding.RAW.configValue()
          + " (unsafe across schema changes)";
    }

    /** The fingerprint in a payload whose header Avro's decoder has accepted. */
    private static long fingerprint(byte[] bytes) {
      return ByteBuffer.wrap(bytes, 2, HEADER_BYTES - 2).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
  }
}
