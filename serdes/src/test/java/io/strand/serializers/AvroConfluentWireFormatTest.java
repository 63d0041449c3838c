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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Avro serde in the Confluent wire format ({@code encoding=confluent}): payloads built by hand
 * as Confluent's serializers frame them (magic byte 00, 4-byte big-endian schema id, Avro binary
 * body from Avro's own encoder), writer schemas found by id from configuration and resolved against
 * the reader's; every mismatch a {@link SerdeException} naming what was found.
 */
class AvroConfluentWireFormatTest {
  private static final String NAME = "orders";
  private static final String PREFIX = "serializers.registry." + NAME + ".";

  @TempDir
  Path dir;


  /** 0x00, the id big-endian, then the body Avro's binary encoder writes for one record of {@code schema}. */
  private static byte[] confluent(int id, String schema, Object... fieldsAndValues) throws IOException {
    Schema s = new Schema.Parser().parse(schema);
    GenericRecord r = new GenericData.Record(s);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      r.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(s).write(r, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  /** A confluent serde reading {@code readerSchema} under id {@code readerId}, with {@code schema.ids} as given. */
  private static Serde<Object> reader(String readerSchema, int readerId, String schemaIds) {
    Map<String, String> config = new HashMap<>(Map.of(PREFIX + "schema", readerSchema, PREFIX + "encoding", "confluent",
        PREFIX + "schema.id", Integer.toString(readerId)));
    if (schemaIds != null) {
      config.put(PREFIX + "schema.ids", schemaIds);
    }
    return new AvroSerdeFactory().getSerde(NAME, Config.of(config));
  }

  private Path schemaFile(String fileName, String schema) throws IOException {
    return Files.writeString(dir.resolve(fileName), schema);
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

  private static ConfigException badConfig(Map<String, String> settings) {
    return assertThrows(ConfigException.class, () -> new AvroSerdeFactory().getSerde(NAME, Config.of(settings)));
  }

  // ---- reading ------------------------------------------------------------------------------

  @Test
  void aPayloadOfTheReadersOwnIdIsReadWithoutAnySchemaIds() throws IOException {
    GenericRecord read = (GenericRecord) reader(ORDER_V1, 7, null).fromBytes(confluent(7, ORDER_V1, "id", "o-1",
        "amount", 12));
    assertEquals("o-1", read.get("id").toString());
    assertEquals(12, read.get("amount"));
  }

  @Test
  void anOlderWriterFoundByIdIsResolvedGivingTheAddedFieldItsDefault() throws IOException {
    Path v1 = schemaFile("order-v1.avsc", ORDER_V1);
    GenericRecord read = (GenericRecord) reader(ORDER_WITH_CURRENCY, 8, "7=" + v1).fromBytes(
        confluent(7, ORDER_V1, "id", "o-2", "amount", 3));
    assertEquals("o-2", read.get("id").toString());
    assertEquals("EUR", read.get("currency").toString());
  }

  @Test
  void removedFieldsAreSkippedIntsWidenAndFieldsMatchByNameWhateverTheirOrder() throws IOException {
    Path withNote = schemaFile("with-note.avsc", ORDER_WITH_NOTE);
    Path reordered = schemaFile("reordered.avsc", ORDER_REORDERED);
    Serde<Object> longAmount = reader(ORDER_LONG_AMOUNT, 20, "11=" + withNote + ", 12 = " + reordered);
    GenericRecord fromNote = (GenericRecord) longAmount.fromBytes(confluent(11, ORDER_WITH_NOTE, "id", "o-3",
        "amount", 2_000_000_000, "note", "leave at the door"));
    assertEquals(2_000_000_000L, fromNote.get("amount"));
    assertNull(fromNote.getSchema().getField("note"));
    GenericRecord fromReordered = (GenericRecord) longAmount.fromBytes(confluent(12, ORDER_REORDERED, "amount", 77,
        "id", "o-4"));
    assertEquals("o-4", fromReordered.get("id").toString());
    assertEquals(77L, fromReordered.get("amount"));
  }

  @Test
  void aDirectoryOfIdNamedFilesAndClasspathResourcesGiveSchemasByIdAsWell() throws IOException {
    Path byId = Files.createDirectory(dir.resolve("by-id"));
    Files.writeString(byId.resolve("3.avsc"), ORDER_V1);
    Files.writeString(byId.resolve("README.txt"), "not a schema, ignored");
    Serde<Object> reader = reader(ORDER_WITH_CURRENCY, 4, byId + ",5=classpath:schemas/flight.avsc");
    assertEquals("EUR", ((GenericRecord) reader.fromBytes(confluent(3, ORDER_V1, "id", "a", "amount", 1)))
        .get("currency").toString());
    // Id 5 is a Flight: known, and named as what the reader cannot read.
    assertMentions(rejected(reader, confluent(5, ORDER_V1, "id", "b", "amount", 2)), "schema id 5",
        "io.strand.serializers.testdata.AvroFlight", "cannot read");
  }

  @Test
  void aSpecificRecordClassReadsAnOlderSchemaById() throws IOException {
    String flightV0 = "{\"type\": \"record\", \"name\": \"AvroFlight\", \"namespace\": \"io.strand.serializers.testdata\","
        + " \"fields\": [{\"name\": \"origin\", \"type\": \"string\"}, {\"name\": \"delayMinutes\", \"type\": \"int\"},"
        + " {\"name\": \"departureMs\", \"type\": \"long\"}]}";
    Path v0 = schemaFile("flight-v0.avsc", flightV0);
    Serde<Object> specific = new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(PREFIX + "specific.class",
        AvroFlight.class.getName(), PREFIX + "encoding", "confluent", PREFIX + "schema.id", "2",
        PREFIX + "schema.ids", "1=" + v0)));
    AvroFlight read = (AvroFlight) specific.fromBytes(confluent(1, flightV0, "origin", "SFO", "delayMinutes", 4,
        "departureMs", 1_700_000_000_000L));
    assertEquals("SFO", read.getOrigin());
    assertNull(read.getCarrier(), "the default of the field the old schema lacks");
  }

  // ---- writing ------------------------------------------------------------------------------

  @Test
  void writingFramesTheBodyWithTheMagicByteAndTheReaderSchemasIdAndReadsBack() throws IOException {
    Serde<Object> serde = reader(ORDER_V1, 258, null);
    GenericRecord order = order("o-5", 5);
    byte[] written = serde.toBytes(order);
    assertArrayEquals(confluent(258, ORDER_V1, "id", "o-5", "amount", 5), written, "00, id 258 big-endian, body");
    assertArrayEquals(new byte[] {0, 0, 0, 1, 2}, Arrays.copyOf(written, 5));
    assertEquals(order, serde.fromBytes(written));
    assertNull(serde.toBytes(null));
    assertNull(serde.fromBytes(null));
  }

  @Test
  void writingWithoutTheReaderSchemasIdIsAConfigExceptionNamingTheKey() {
    ConfigException e = badConfig(Map.of(PREFIX + "schema", ORDER_V1, PREFIX + "encoding", "confluent"));
    assertMentions(e, PREFIX + "schema.id", "writes the reader schema's id");
  }

  // ---- mismatches: never a silent decode ------------------------------------------------------

  @Test
  void anUnknownIdIsRejectedNamingTheIdTheKnownIdsAndTheKey() throws IOException {
    Path v1 = schemaFile("v1.avsc", ORDER_V1);
    SerdeException e = rejected(reader(ORDER_WITH_CURRENCY, 8, "7=" + v1), confluent(9, ORDER_WITH_NOTE, "id", "x",
        "amount", 1, "note", "n"));
    assertMentions(e, "schema id 9", "not configured", "[7, 8]", "9=<the writer's .avsc file>", PREFIX + "schema.ids");
  }

  @Test
  void aWrongMagicByteIsRejectedNamingTheBytesFound() throws IOException {
    Serde<Object> reader = reader(ORDER_V1, 7, null);
    byte[] payload = confluent(7, ORDER_V1, "id", "o-6", "amount", 6);
    payload[0] = 0x01;
    assertMentions(rejected(reader, payload), "not in the Confluent wire format", "first bytes 01 00 00 00 07",
        "magic byte 00");
    assertMentions(rejected(reader, new byte[] {0, 0, 0}), "first bytes 00 00 00");
    assertMentions(rejected(reader, new byte[0]), "empty payload");
    byte[] singleObject = AvroSerde.generic("w", new Schema.Parser().parse(ORDER_V1)).toBytes(order("o-7", 7));
    assertMentions(rejected(reader, singleObject), "first bytes C3 01", PREFIX + "encoding=single-object");
  }

  @Test
  void aSingleObjectReaderNamesTheConfluentFramingWhenItMeetsIt() throws IOException {
    Serde<Object> singleObject = new AvroSerdeFactory().getSerde(NAME, Config.of(Map.of(PREFIX + "schema", ORDER_V1)));
    assertMentions(rejected(singleObject, confluent(42, ORDER_V1, "id", "o-8", "amount", 8)),
        "not single-object encoded", "Confluent wire format", "schema id 42", PREFIX + "encoding=confluent");
  }

  @Test
  void anIncompatibleWriterIsRejectedNamingItsIdAndSchema() throws IOException {
    Path longAmount = schemaFile("long.avsc", ORDER_LONG_AMOUNT);
    Path customer = schemaFile("customer.avsc", CUSTOMER);
    Serde<Object> reader = reader(ORDER_V1, 1, "2=" + longAmount + ",3=" + customer);
    assertMentions(rejected(reader, confluent(2, ORDER_LONG_AMOUNT, "id", "o-9", "amount", 5_000_000_000L)),
        "schema id 2", "io.strand.test.Order", "cannot read", "/fields/1/type");
    // Same bodies as an Order: only the id tells them apart.
    assertMentions(rejected(reader, confluent(3, CUSTOMER, "id", "c-1", "amount", 40)), "schema id 3",
        "io.strand.test.Customer", "io.strand.test.Order", "cannot read");
  }

  @Test
  void aCorruptBodyOrTrailingBytesAreRejected() throws IOException {
    Serde<Object> reader = reader(ORDER_V1, 7, null);
    byte[] good = confluent(7, ORDER_V1, "id", "o-10", "amount", 10);
    assertMentions(rejected(reader, Arrays.copyOf(good, good.length - 1)), "writer schema id 7",
        "io.strand.test.Order");
    assertMentions(rejected(reader, Arrays.copyOf(good, good.length + 2)), "bytes are left", "schema id 7");
  }

  // ---- settings ------------------------------------------------------------------------------

  @Test
  void badIdSettingsAreConfigExceptionsNamingTheKey() throws IOException {
    Map<String, String> base = Map.of(PREFIX + "schema", ORDER_V1, PREFIX + "encoding", "confluent");
    Path v1 = schemaFile("v1.avsc", ORDER_V1);
    Path customer = schemaFile("customer.avsc", CUSTOMER);
    assertMentions(badConfig(with(base, PREFIX + "schema.id", "seven")), PREFIX + "schema.id", "'seven'");
    assertMentions(badConfig(with(base, PREFIX + "schema.id", "-1")), PREFIX + "schema.id", "'-1'");
    Map<String, String> withId = with(base, PREFIX + "schema.id", "1");
    assertMentions(badConfig(with(withId, PREFIX + "schema.ids", v1.toString())), PREFIX + "schema.ids",
        "neither <id>=<schema file");
    assertMentions(badConfig(with(withId, PREFIX + "schema.ids", "2=" + dir.resolve("gone.avsc"))),
        PREFIX + "schema.ids", "does not exist");
    assertMentions(badConfig(with(withId, PREFIX + "schema.ids", "1=" + customer)), PREFIX + "schema.ids",
        "schema id 1 is the reader's");
    assertMentions(badConfig(with(withId, PREFIX + "schema.ids", "2=" + v1 + ",2=" + customer)),
        PREFIX + "schema.ids", "schema id 2 is given two different schemas");
    Path misnamed = Files.createDirectory(dir.resolve("misnamed"));
    Files.writeString(misnamed.resolve("order-v1.avsc"), ORDER_V1);
    assertMentions(badConfig(with(withId, PREFIX + "schema.ids", misnamed.toString())), "order-v1.avsc",
        "is not named <id>.avsc");
    assertMentions(badConfig(with(withId, PREFIX + "writer.schemas", v1.toString())), PREFIX + "writer.schemas",
        PREFIX + "schema.ids");
    // The reader's own schema listed under its id is fine.
    assertEquals(AvroEncoding.CONFLUENT, ((AvroSerde<?>) new AvroSerdeFactory().getSerde(NAME, Config.of(
        with(withId, PREFIX + "schema.ids", "1=" + v1)))).encoding());
  }

  @Test
  void schemaIdsWithAnotherEncodingAreConfigExceptions() {
    assertMentions(badConfig(Map.of(PREFIX + "schema", ORDER_V1, PREFIX + "schema.id", "1")), PREFIX + "schema.id",
        "encoding=confluent", "single-object");
    assertMentions(badConfig(Map.of(PREFIX + "schema", ORDER_V1, PREFIX + "encoding", "raw", PREFIX + "schema.ids",
        "1=x.avsc")), PREFIX + "schema.ids", "raw");
    assertMentions(badConfig(Map.of(PREFIX + "schema", ORDER_V1, PREFIX + "encoding", "avro")), PREFIX + "encoding",
        "single-object or raw or confluent");
  }

  private static GenericRecord order(String id, int amount) {
    GenericRecord order = new GenericData.Record(new Schema.Parser().parse(ORDER_V1));
    order.put("id", id);
    order.put("amount", amount);
    return order;
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> m = new HashMap<>(base);
    m.put(key, value);
    return m;
  }
}
