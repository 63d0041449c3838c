package io.strand.serializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.serializers.testdata.AvroFlight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroSerdeTest {
  private static final String PREFIX = "serializers.registry.flight-avro.";

  private static Serde<Object> serde(Map<String, String> config) {
    return new AvroSerdeFactory().getSerde("flight-avro", Config.of(config));
  }

  private static GenericRecord genericFlight(Serde<Object> serde, String origin, int delay) {
    GenericRecord r = new GenericData.Record(((AvroSerde<Object>) serde).schema());
    r.put("origin", origin);
    r.put("delayMinutes", delay);
    r.put("departureMs", 1_700_000_000_000L);
    r.put("carrier", delay % 2 == 0 ? null : "UA");
    return r;
  }

  private static AvroFlight specificFlight() {
    return AvroFlight.newBuilder().setOrigin("SFO").setDelayMinutes(7).setDepartureMs(1_700_000_000_000L)
        .setCarrier("UA").build();
  }

  @Test
  void genericRecordsRoundTripWithASchemaFromTheClasspath() {
    Serde<Object> serde = serde(Map.of(PREFIX + "schema", "classpath:schemas/flight.avsc"));
    GenericRecord flight = genericFlight(serde, "SFO", 12);
    GenericRecord read = assertInstanceOf(GenericRecord.class, serde.fromBytes(serde.toBytes(flight)));
    assertEquals(flight, read);
    assertEquals("SFO", read.get("origin").toString());
  }

  @Test
  void genericRecordsRoundTripWithASchemaFileOrInlineSchema(@TempDir Path dir) throws IOException {
    String json;
    try (var in = getClass().getClassLoader().getResourceAsStream("schemas/flight.avsc")) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Path file = Files.writeString(dir.resolve("flight.avsc"), json);
    Serde<Object> fromFile = serde(Map.of(PREFIX + "schema", file.toString()));
    Serde<Object> inline = serde(Map.of(PREFIX + "schema", json));
    GenericRecord flight = genericFlight(fromFile, "JFK", 3);
    assertEquals(flight, fromFile.fromBytes(fromFile.toBytes(flight)));
    assertArrayEquals(fromFile.toBytes(flight), inline.toBytes(flight));
  }

  @Test
  void specificRecordsRoundTripIntoTheGeneratedClass() {
    Serde<Object> serde = serde(Map.of(PREFIX + "specific.class", AvroFlight.class.getName()));
    AvroFlight flight = specificFlight();
    assertEquals(flight, serde.fromBytes(serde.toBytes(flight)));
  }

  @Test
  void genericAndSpecificShareTheBinaryEncoding() {
    Serde<Object> specific = serde(Map.of(PREFIX + "specific.class", AvroFlight.class.getName()));
    Serde<Object> generic = serde(Map.of(PREFIX + "schema", "classpath:/schemas/flight.avsc"));
    GenericRecord read = (GenericRecord) generic.fromBytes(specific.toBytes(specificFlight()));
    assertEquals("UA", read.get("carrier").toString());
    assertEquals(7, read.get("delayMinutes"));
  }

  @Test
  void garbageAndTruncatedPayloadsAreSerdeExceptions() {
    Serde<Object> serde = serde(Map.of(PREFIX + "specific.class", AvroFlight.class.getName()));
    byte[] good = serde.toBytes(specificFlight());
    byte[] truncated = Arrays.copyOf(good, good.length - 3);
    SerdeException e = assertThrows(SerdeException.class, () -> serde.fromBytes(truncated));
    assertEquals("flight-avro", e.serdeName());
    assertEquals(truncated.length, e.payloadLength());
    assertTrue(e.getMessage().contains("serde 'flight-avro'"), e.getMessage());

    byte[] longer = Arrays.copyOf(good, good.length + 2);
    assertTrue(assertThrows(SerdeException.class, () -> serde.fromBytes(longer)).getMessage().contains("left"));
    assertThrows(SerdeException.class, () -> serde.fromBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
  }

  @Test
  void aRecordMissingARequiredFieldDoesNotSerialize() {
    Serde<Object> serde = serde(Map.of(PREFIX + "schema", "classpath:schemas/flight.avsc"));
    GenericRecord incomplete = genericFlight(serde, "SFO", 1);
    incomplete.put("origin", null);
    SerdeException e = assertThrows(SerdeException.class, () -> serde.toBytes(incomplete));
    assertEquals(SerdeException.NO_PAYLOAD, e.payloadLength());
  }

  @Test
  void oneSerdeIsSafeToShareAcrossThreads() throws Exception {
    Serde<Object> serde = serde(Map.of(PREFIX + "schema", "classpath:schemas/flight.avsc"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            GenericRecord flight = genericFlight(serde, "T" + thread, i);
            if (!flight.equals(serde.fromBytes(serde.toBytes(flight)))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void missingSchemaIsAConfigExceptionNamingBothKeys() {
    ConfigException e = assertThrows(ConfigException.class, () -> serde(Map.of()));
    assertTrue(e.getMessage().contains(PREFIX + "schema") && e.getMessage().contains(PREFIX + "specific.class"),
        e.getMessage());
  }

  @Test
  void unreadableOrInvalidSchemasAreConfigExceptions(@TempDir Path dir) throws IOException {
    assertTrue(assertThrows(ConfigException.class, () -> serde(Map.of(PREFIX + "schema", "classpath:nope.avsc")))
        .getMessage().contains("nope.avsc"));
    assertTrue(assertThrows(ConfigException.class,
        () -> serde(Map.of(PREFIX + "schema", dir.resolve("missing.avsc").toString())))
        .getMessage().contains("does not exist"));
    Path broken = Files.writeString(dir.resolve("broken.avsc"), "{\"type\": \"record\", \"name\": ");
    assertTrue(assertThrows(ConfigException.class, () -> serde(Map.of(PREFIX + "schema", broken.toString())))
        .getMessage().contains("not a valid Avro schema"));
  }

  @Test
  void specificClassProblemsAreConfigExceptions() {
    assertThrows(ConfigException.class, () -> serde(Map.of(PREFIX + "specific.class", "com.example.Missing")));
    assertThrows(ConfigException.class, () -> serde(Map.of(PREFIX + "specific.class", String.class.getName())));
    assertThrows(ConfigException.class, () -> serde(Map.of(
        PREFIX + "specific.class", AvroFlight.class.getName(),
        PREFIX + "schema", "classpath:schemas/flight.avsc")));
  }
}
