package io.strand.serializers;

import static io.strand.serializers.OrderSchemas.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.serializers.testdata.AvroFlight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payloads written with one schema and read with another: each compatible evolution resolves, each
 * mismatch is a {@link SerdeException} (never a silent decode), in Avro's single-object encoding.
 */
class AvroSchemaEvolutionTest {
  private static final String NAME = "orders";
  private static final String PREFIX = "serializers.registry." + NAME + ".";

  @TempDir
  Path dir;


  /** A serde reading {@code readerSchema}, knowing the writer schemas given as .avsc files. */
  private Serde<Object> reader(String readerSchema, String... writerSchemas) throws IOException {
    Map<String, String> config = new HashMap<>(Map.of(PREFIX + "schema", readerSchema));
    if (writerSchemas.length > 0) {
      Path writers = Files.createTempDirectory(dir, "writers");
      for (int i = 0; i < writerSchemas.length; i++) {
        Files.writeString(writers.resolve("v" + i + ".avsc"), writerSchemas[i]);
      }
      config.put(PREFIX + "writer.schemas", writers.toString());
    }
    return new AvroSerdeFactory().getSerde(NAME, Config.of(config));
  }

  /** The single-object payload of one record of {@code schema}, fields given in pairs. */
  private static byte[] written(String schema, Object... fieldsAndValues) {
    AvroSerde<Object> writer = AvroSerde.generic("writer", new Schema.Parser().parse(schema));
    GenericRecord r = new GenericData.Record(writer.schema());
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      r.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return writer.toBytes(r);
  }

  private static String fingerprintHex(String schema) throws Exception {
    return HexFormat.of().formatHex(SchemaNormalization.parsingFingerprint("CRC-64-AVRO",
        new Schema.Parser().parse(schema)));
  }

  private static SerdeException rejected(Serde<Object> reader, byte[] payload) {
    SerdeException e = assertThrows(SerdeException.class, () -> reader.fromBytes(payload));
    assertEquals(NAME, e.serdeName());
    assertEquals(payload.length, e.payloadLength());
    return e;
  }

  private static void assertMentions(Throwable e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
    }
  }

  // ---- compatible evolutions -----------------------------------------------------------------

  @Test
  void aV2ReaderReadsV1RecordsGivingTheAddedFieldItsDefault() throws IOException {
    Serde<Object> v2 = reader(ORDER_WITH_CURRENCY, ORDER_V1);
    GenericRecord read = (GenericRecord) v2.fromBytes(written(ORDER_V1, "id", "o-1", "amount", 12));
    assertEquals("o-1", read.get("id").toString());
    assertEquals(12, read.get("amount"));
    assertEquals("EUR", read.get("currency").toString());
  }

  @Test
  void aReaderWithoutAFieldSkipsItInRecordsThatHaveIt() throws IOException {
    Serde<Object> v1 = reader(ORDER_V1, ORDER_WITH_NOTE);
    GenericRecord read = (GenericRecord) v1.fromBytes(written(ORDER_WITH_NOTE, "id", "o-2", "amount", 5,
        "note", "leave at the door"));
    assertEquals("o-2", read.get("id").toString());
    assertEquals(5, read.get("amount"));
    assertNull(read.getSchema().getField("note"));
  }

  @Test
  void anIntWrittenIsReadAsALongByAReaderThatWidenedIt() throws IOException {
    Serde<Object> widened = reader(ORDER_LONG_AMOUNT, ORDER_V1);
    GenericRecord read = (GenericRecord) widened.fromBytes(written(ORDER_V1, "id", "o-3", "amount", 2_000_000_000));
    assertEquals(2_000_000_000L, read.get("amount"));
  }

  @Test
  void fieldsWrittenInAnotherOrderAreMatchedByNameWhenTheWriterSchemaIsKnown() throws IOException {
    Serde<Object> reader = reader(ORDER_V1, ORDER_REORDERED);
    GenericRecord read = (GenericRecord) reader.fromBytes(written(ORDER_REORDERED, "amount", 77, "id", "o-4"));
    assertEquals("o-4", read.get("id").toString());
    assertEquals(77, read.get("amount"));
  }

  @Test
  void writerSchemasMayBeListedFilesAndDirectoriesAndClasspathResources() throws IOException {
    Path v1 = Files.writeString(dir.resolve("order-v1.avsc"), ORDER_V1);
    Path more = Files.createDirectory(dir.resolve("more"));
    Files.writeString(more.resolve("with-note.avsc"), ORDER_WITH_NOTE);
    Files.writeString(more.resolve("README.txt"), "not a schema, ignored");
    Serde<Object> reader = new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(PREFIX + "schema", ORDER_WITH_CURRENCY,
        PREFIX + "writer.schemas", v1 + ", " + more + ",classpath:schemas/flight.avsc")));
    assertEquals("EUR", ((GenericRecord) reader.fromBytes(written(ORDER_V1, "id", "a", "amount", 1)))
        .get("currency").toString());
    assertEquals(3, ((GenericRecord) reader.fromBytes(written(ORDER_WITH_NOTE, "id", "b", "amount", 3, "note", "n")))
        .get("amount"));
  }

  @Test
  void aSpecificRecordClassReadsRecordsOfAnOlderSchema() throws IOException {
    String flightV0 = "{\"type\": \"record\", \"name\": \"AvroFlight\", \"namespace\": \"io.strand.serializers.testdata\","
        + " \"fields\": [{\"name\": \"origin\", \"type\": \"string\"}, {\"name\": \"delayMinutes\", \"type\": \"int\"},"
        + " {\"name\": \"departureMs\", \"type\": \"long\"}]}";
    Path v0 = Files.writeString(dir.resolve("flight-v0.avsc"), flightV0);
    Serde<Object> specific = new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(
        PREFIX + "specific.class", AvroFlight.class.getName(), PREFIX + "writer.schemas", v0.toString())));
    AvroFlight read = (AvroFlight) specific.fromBytes(written(flightV0, "origin", "SFO", "delayMinutes", 4,
        "departureMs", 1_700_000_000_000L));
    assertEquals("SFO", read.getOrigin());
    assertEquals(4, read.getDelayMinutes());
    assertNull(read.getCarrier(), "the default of the field the old schema lacks");
  }

  // ---- mismatches: never a silent decode -----------------------------------------------------

  @Test
  void aLongWrittenWhereTheReaderHasAnIntIsRejectedKnownOrNot() throws Exception {
    byte[] payload = written(ORDER_LONG_AMOUNT, "id", "o-5", "amount", 5_000_000_000L);
    assertMentions(rejected(reader(ORDER_V1), payload), "unknown schema", fingerprintHex(ORDER_LONG_AMOUNT),
        PREFIX + "writer.schemas");
    assertMentions(rejected(reader(ORDER_V1, ORDER_LONG_AMOUNT), payload), "io.strand.test.Order",
        fingerprintHex(ORDER_LONG_AMOUNT), "cannot read", "/fields/1/type");
  }

  @Test
  void aBooleanWrittenWhereTheReaderHasAnIntIsRejectedKnownOrNot() throws Exception {
    byte[] payload = written(ORDER_BOOLEAN_AMOUNT, "id", "o-6", "amount", true);
    assertMentions(rejected(reader(ORDER_V1), payload), "unknown schema", fingerprintHex(ORDER_BOOLEAN_AMOUNT));
    assertMentions(rejected(reader(ORDER_V1, ORDER_BOOLEAN_AMOUNT), payload), "cannot read",
        fingerprintHex(ORDER_BOOLEAN_AMOUNT));
  }

  @Test
  void fieldsWrittenInAnotherOrderByAnUnknownSchemaAreRejected() throws Exception {
    byte[] payload = written(ORDER_REORDERED, "amount", 77, "id", "o-7");
    assertMentions(rejected(reader(ORDER_V1), payload), "unknown schema", fingerprintHex(ORDER_REORDERED));
  }

  @Test
  void aCustomerIsNotReadAsAnOrderKnownOrNot() throws Exception {
    // Same field names and types: the bare bodies are identical, only the schema's name tells them apart.
    byte[] payload = written(CUSTOMER, "id", "c-1", "amount", 40);
    assertMentions(rejected(reader(ORDER_V1), payload), "unknown schema", fingerprintHex(CUSTOMER));
    assertMentions(rejected(reader(ORDER_V1, CUSTOMER), payload), "io.strand.test.Customer", "io.strand.test.Order",
        "cannot read");
  }

  @Test
  void anUnknownFingerprintIsNamedInHexWithTheKnownSchemas() throws Exception {
    byte[] payload = written(ORDER_WITH_NOTE, "id", "o-8", "amount", 1, "note", "x");
    SerdeException e = rejected(reader(ORDER_V1, ORDER_WITH_CURRENCY), payload);
    assertMentions(e, fingerprintHex(ORDER_WITH_NOTE), "2 known", fingerprintHex(ORDER_V1) + " (reader)",
        "add the writer's schema", PREFIX + "writer.schemas");
  }

  @Test
  void aHeaderlessPayloadIsRejectedInTheSingleObjectEncoding() throws IOException {
    Serde<Object> raw = new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(PREFIX + "schema", ORDER_V1,
        PREFIX + "encoding", "raw")));
    GenericRecord order = new GenericData.Record(new Schema.Parser().parse(ORDER_V1));
    order.put("id", "o-9");
    order.put("amount", 9);
    byte[] headerless = raw.toBytes(order);
    SerdeException e = rejected(reader(ORDER_V1), headerless);
    assertMentions(e, "not single-object encoded", "first bytes " + HexFormat.ofDelimiter(" ").withUpperCase()
        .formatHex(headerless, 0, Math.min(headerless.length, 12)), PREFIX + "encoding=raw");
    assertMentions(rejected(reader(ORDER_V1), new byte[] {(byte) 0xC3}), "not single-object encoded");
    assertMentions(rejected(reader(ORDER_V1), new byte[0]), "empty payload");
  }

  @Test
  void aCorruptBodyOrTrailingBytesAreRejected() throws IOException {
    Serde<Object> reader = reader(ORDER_V1);
    byte[] good = written(ORDER_V1, "id", "o-10", "amount", 10);
    assertMentions(rejected(reader, Arrays.copyOf(good, good.length - 1)), "io.strand.test.Order");
    assertMentions(rejected(reader, Arrays.copyOf(good, good.length + 2)), "2 byte(s) are left");
  }

  // ---- the raw encoding and its settings ------------------------------------------------------

  @Test
  void theRawEncodingIsTheBareDatumAndOnlyByChoice() throws IOException {
    Serde<Object> raw = new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(PREFIX + "schema", ORDER_V1,
        PREFIX + "encoding", " RAW ")));
    Serde<Object> singleObject = reader(ORDER_V1);
    GenericRecord order = new GenericData.Record(new Schema.Parser().parse(ORDER_V1));
    order.put("id", "o-11");
    order.put("amount", 11);
    byte[] bare = raw.toBytes(order);
    byte[] framed = singleObject.toBytes(order);
    assertEquals(order, raw.fromBytes(bare));
    assertArrayEquals(bare, Arrays.copyOfRange(framed, 10, framed.length), "the same body after a 10-byte header");
    assertArrayEquals(new byte[] {(byte) 0xC3, 0x01}, Arrays.copyOf(framed, 2));
  }

  @Test
  void badEncodingOrWriterSchemaSettingsAreConfigExceptions() throws IOException {
    ConfigException encoding = assertThrows(ConfigException.class, () -> new AvroSerdeFactory().getSerde(NAME,
        Config.of(Map.of(PREFIX + "schema", ORDER_V1, PREFIX + "encoding", "UTF-8"))));
    assertMentions(encoding, PREFIX + "encoding", "single-object or raw", "'UTF-8'");

    Path v1 = Files.writeString(dir.resolve("v1.avsc"), ORDER_V1);
    ConfigException rawWithWriters = assertThrows(ConfigException.class, () -> new AvroSerdeFactory().getSerde(NAME,
        Config.of(Map.of(PREFIX + "schema", ORDER_V1, PREFIX + "encoding", "raw", PREFIX + "writer.schemas",
            v1.toString()))));
    assertMentions(rawWithWriters, PREFIX + "writer.schemas", "single-object");

    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertMentions(assertThrows(ConfigException.class, () -> new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(
        PREFIX + "schema", ORDER_V1, PREFIX + "writer.schemas", empty.toString())))), "holds no .avsc file");
    assertMentions(assertThrows(ConfigException.class, () -> new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(
        PREFIX + "schema", ORDER_V1, PREFIX + "writer.schemas", dir.resolve("gone.avsc").toString())))),
        PREFIX + "writer.schemas", "does not exist");
  }
}
