package io.strand.serializers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class JsonSerdeTest {

  /** A typed target; public so Jackson can bind it. */
  public record Flight(String origin, int delayMinutes, List<String> legs) {
  }

  private static Serde<Object> serde(Map<String, String> config) {
    return new JsonSerdeFactory().getSerde("flight-json", Config.of(config));
  }

  @Test
  void withoutATypePayloadsReadAsMaps() {
    Serde<Object> serde = serde(Map.of());
    Object read = serde.fromBytes("{\"origin\":\"SFO\",\"delay\":12,\"legs\":[\"SFO\",\"JFK\"]}".getBytes(UTF_8));
    assertEquals(Map.of("origin", "SFO", "delay", 12, "legs", List.of("SFO", "JFK")), read);
    assertEquals(read, serde.fromBytes(serde.toBytes(read)));
  }

  @Test
  void withATypePayloadsReadIntoThatClass() {
    Serde<Object> serde = serde(Map.of("serializers.registry.flight-json.type", Flight.class.getName()));
    Flight flight = new Flight("SFO", 12, List.of("SFO", "JFK"));
    assertEquals(flight, serde.fromBytes(serde.toBytes(flight)));
    // Producers may add fields: unknown properties are ignored.
    Object read = serde.fromBytes("{\"origin\":\"LAX\",\"delayMinutes\":3,\"legs\":[],\"new\":true}".getBytes(UTF_8));
    assertEquals(new Flight("LAX", 3, List.of()), read);
  }

  @Test
  void nullMapsToNullBothWays() {
    Serde<Object> serde = serde(Map.of());
    assertNull(serde.toBytes(null));
    assertNull(serde.fromBytes(null));
    assertNull(serde.fromBytes("null".getBytes(UTF_8)));
  }

  @Test
  void aPayloadThatDoesNotParseIsASerdeExceptionNamingTheSerde() {
    byte[] bad = "{\"origin\": SFO".getBytes(UTF_8);
    SerdeException e = assertThrows(SerdeException.class, () -> serde(Map.of()).fromBytes(bad));
    assertEquals("flight-json", e.serdeName());
    assertEquals(bad.length, e.payloadLength());
    assertTrue(e.getMessage().startsWith("serde 'flight-json' could not deserialize a " + bad.length + "-byte payload"),
        e.getMessage());
  }

  @Test
  void trailingGarbageAndEmptyPayloadsAreRejected() {
    Serde<Object> serde = serde(Map.of());
    assertThrows(SerdeException.class, () -> serde.fromBytes("{} {}".getBytes(UTF_8)));
    assertEquals(0, assertThrows(SerdeException.class, () -> serde.fromBytes(new byte[0])).payloadLength());
  }

  @Test
  void aPayloadOfTheWrongShapeForTheTypeIsASerdeException() {
    Serde<Object> serde = serde(Map.of("serializers.registry.flight-json.type", Flight.class.getName()));
    SerdeException e = assertThrows(SerdeException.class,
        () -> serde.fromBytes("{\"delayMinutes\":\"late\"}".getBytes(UTF_8)));
    assertTrue(e.getMessage().contains("not JSON for " + Flight.class.getName()), e.getMessage());
  }

  @Test
  void anObjectJacksonCannotWriteIsASerdeExceptionWithoutPayload() {
    SerdeException e = assertThrows(SerdeException.class, () -> serde(Map.of()).toBytes(new Object()));
    assertEquals(SerdeException.NO_PAYLOAD, e.payloadLength());
    assertInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class, e.getCause());
  }

  @Test
  void anUnknownTypeClassIsAConfigExceptionNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> serde(Map.of("serializers.registry.flight-json.type", "com.example.NoSuchFlight")));
    assertTrue(e.getMessage().contains("serializers.registry.flight-json.type"), e.getMessage());
  }
}
