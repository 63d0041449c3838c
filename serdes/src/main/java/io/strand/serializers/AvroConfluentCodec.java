package io.strand.serializers;

import io.strand.config.view.SerializerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The Confluent wire format ({@link AvroEncoding#CONFLUENT}): the magic byte {@code 00}, the
 * writer schema's id as a 4-byte big-endian int, then the Avro binary datum. The writer's schema
 * is looked up by id among the configured ones ({@link AvroSchemaIds}) and resolved against the
 * reader's with Avro's schema resolution; whether the reader can read it is decided once, when the
 * serde is made, by {@link AvroWriterSchemas} (the same check as the single-object encoding's).
 *
 * <p>Thread-safe: the writer is shared (Avro writers hold no per-call state); each thread gets its
 * own resolving reader per writer schema (Avro readers build caches lazily without locking).
 */
final class AvroConfluentCodec<T> implements AvroCodec<T> {
  /** The first byte of every payload in the Confluent wire format. */
  static final byte MAGIC = 0;
  /** The magic byte and the 4-byte schema id. */
  static final int HEADER_BYTES = 5;

  private final String name;
  private final Schema schema;
  private final GenericData data;
  private final int readerId;
  private final Map<Integer, Schema> byId;
  private final Map<Integer, Long> fingerprints = new HashMap<>();
  private final AvroWriterSchemas known;
  private final DatumWriter<T> writer;
  private final ThreadLocal<Map<Integer, DatumReader<T>>> readers = ThreadLocal.withInitial(HashMap::new);

  /**
   * Creates one.
   *
   * @param name the registry name, used in errors
   * @param schema the reader's schema, written under {@code ids.readerSchemaId()}
   * @param data Avro's data model (generic or specific), which makes the resolving readers
   * @param ids the ids
   * @param writer writes data with {@code schema}
   * @throws IllegalArgumentException if {@code ids} maps the reader's id to another schema
   */
  AvroConfluentCodec(String name, Schema schema, GenericData data, AvroSchemaIds ids, DatumWriter<T> writer) {
    this.name = name;
    this.schema = schema;
    this.data = data;
    this.readerId = ids.readerSchemaId();
    this.writer = writer;
    Map<Integer, Schema> all = new TreeMap<>(ids.writerSchemas());
    Schema listed = all.putIfAbsent(readerId, schema);
    if (listed != null && fingerprint(listed) != fingerprint(schema)) {
      throw new IllegalArgumentException("schema id " + readerId + " is the reader's (" + schema.getFullName()
          + "), but the schema listed under it is another (" + listed.getFullName() + ", fingerprint "
          + AvroWriterSchemas.hex(fingerprint(listed)) + " instead of " + AvroWriterSchemas.hex(fingerprint(schema))
          + ")");
    }
    this.byId = Map.copyOf(all);
    all.forEach((id, s) -> fingerprints.put(id, fingerprint(s)));
    this.known = new AvroWriterSchemas(schema, all.values());
  }

  /**
   * The known writer schemas by id, for a log line.
   *
   * @return for example {@code {1=io.x.Order, 2=io.x.Order}}
   */
  String describe() {
    Map<Integer, String> names = new TreeMap<>();
    byId.forEach((id, s) -> names.put(id, s.getFullName() + (id == readerId ? " (reader)" : "")));
    return names.toString();
  }

  @Override
  public void write(T object, ByteArrayOutputStream out) throws IOException {
    out.write(MAGIC);
    out.write(ByteBuffer.allocate(Integer.BYTES).putInt(readerId).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer.write(object, encoder);
    encoder.flush();
  }

  @Override
  public T read(byte[] bytes) {
    String prefix = SerializerConfig.registryPrefix(name);
    if (bytes.length < HEADER_BYTES || bytes[0] != MAGIC) {
      boolean singleObject = bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == 0x01;
      throw new SerdeException(name, bytes.length, "not in the Confluent wire format: first bytes "
          + AvroCodec.firstBytes(bytes) + ", expected the magic byte 00 and a 4-byte schema id"
          + (singleObject ? "; the payload looks single-object encoded (C3 01): set " + prefix + "encoding="
              + AvroEncoding.SINGLE_OBJECT.configValue() : ""), null);
    }
    int id = ByteBuffer.wrap(bytes, 1, Integer.BYTES).getInt();
    Schema writerSchema = byId.get(id);
    if (writerSchema == null) {
      throw new SerdeException(name, bytes.length, "it was written with schema id " + id + ", which is not"
          + " configured (known ids: " + new TreeSet<>(byId.keySet()) + "); add " + id + "=<the writer's .avsc file>"
          + " to " + prefix + "schema.ids, or put the file as " + id + AvroSchemas.SCHEMA_FILE_SUFFIX
          + " in a directory listed there", null);
    }
    known.incompatibility(fingerprints.get(id)).ifPresent(why -> {
      throw new SerdeException(name, bytes.length, "schema id " + id + ": " + why, null);
    });
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES,
        null);
    T value;
    try {
      value = readers.get().computeIfAbsent(id, i -> newReader(writerSchema)).read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerdeException(name, bytes.length, "not Avro binary of writer schema id " + id + " ("
          + writerSchema.getFullName() + ") read as " + schema.getFullName() + ": " + AvroCodec.causes(e), e);
    }
    boolean atEnd;
    try {
      atEnd = decoder.isEnd();
    } catch (IOException e) {
      atEnd = false;
    }
    if (!atEnd) {
      throw new SerdeException(name, bytes.length, "bytes are left after one datum of writer schema id " + id + " ("
          + writerSchema.getFullName() + "); the payload is corrupt", null);
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private DatumReader<T> newReader(Schema writerSchema) {
    return (DatumReader<T>) data.createDatumReader(writerSchema, schema);
  }

  private static long fingerprint(Schema s) {
    return SchemaNormalization.parsingFingerprint64(s);
  }
}
