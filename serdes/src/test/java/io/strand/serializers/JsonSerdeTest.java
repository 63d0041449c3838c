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
    // An explicit null is a value, not a missing property.
    assertEquals(new Flight(null, 3, null),
        serde.fromBytes("{\"origin\":null,\"delayMinutes\":3,\"legs\":null}".getBytes(UTF_8)));
  }

  @Test
  void byDefaultAnUnknownPropertyIsRejectedNamingIt() {
    Serde<Object> serde = serde(Map.of("serializers.registry.flight-json.type", Flight.class.getName()));
    SerdeException e = assertThrows(SerdeException.class, () -> serde.fromBytes(
        "{\"origin\":\"LAX\",\"delayMinutes\":3,\"legs\":[],\"unknownField\":1}".getBytes(UTF_8)));
    assertTrue(e.getMessage().contains("unknownField"), e.getMessage());
  }

  @Test
  void byDefaultAMissingRecordComponentIsRejectedNamingIt() {
    Serde<Object> serde = serde(Map.of("serializers.registry.flight-json.type", Flight.class.getName()));
    SerdeException empty = assertThrows(SerdeException.class, () -> serde.fromBytes("{}".getBytes(UTF_8)));
    assertTrue(empty.getMessage().contains("Missing creator property"), empty.getMessage());
    SerdeException noLegs = assertThrows(SerdeException.class,
        () -> serde.fromBytes("{\"origin\":\"LAX\",\"delayMinutes\":3}".getBytes(UTF_8)));
    assertTrue(noLegs.getMessage().contains("'legs'"), noLegs.getMessage());
  }

  @Test
  void unknownPropertiesAreIgnoredWhenConfigured() {
    Serde<Object> serde = serde(Map.of("serializers.registry.flight-json.type", Flight.class.getName(),
        "serializers.registry.flight-json.fail.on.unknown.properties", "false"));
    Object read = serde.fromBytes("{\"origin\":\"LAX\",\"delayMinutes\":3,\"legs\":[],\"new\":true}".getBytes(UTF_8));
    assertEquals(new Flight("LAX", 3, List.of()), read);
    // The other check stays on.
    assertThrows(SerdeException.class, () -> serde.fromBytes("{\"new\":true}".getBytes(UTF_8)));
  }

  /** A class that says itself it tolerates unknown properties. */
  @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
  public record Tolerant(String origin) {
  }

  @Test
  void aClassAnnotatedToIgnoreUnknownPropertiesIgnoresThemByDefault() {
    Serde<Object> serde = serde(Map.of("serializers.registry.flight-json.type", Tolerant.class.getName()));
    assertEquals(new Tolerant("SFO"), serde.fromBytes("{\"origin\":\"SFO\",\"new\":1}".getBytes(UTF_8)));
  }

  /** Only one property required, by annotation. */
  public record Partly(@com.fasterxml.jackson.annotation.JsonProperty(required = true) String origin, String gate) {
  }

  @Test
  void missingPropertiesAreAcceptedWhenConfiguredUnlessMarkedRequired() {
    Map<String, String> config = Map.of("serializers.registry.flight-json.type", Partly.class.getName(),
        "serializers.registry.flight-json.fail.on.missing.properties", "false");
    Serde<Object> serde = serde(config);
    assertEquals(new Partly("SFO", null), serde.fromBytes("{\"origin\":\"SFO\"}".getBytes(UTF_8)));
    SerdeException e = assertThrows(SerdeException.class, () -> serde.fromBytes("{\"gate\":\"A1\"}".getBytes(UTF_8)));
    assertTrue(e.getMessage().contains("'origin'"), e.getMessage());
  }

  @Test
  void aStrictnessValueThatIsNotABooleanIsAConfigErrorNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> serde(Map.of(
        "serializers.registry.flight-json.type", Flight.class.getName(),
        "serializers.registry.flight-json.fail.on.unknown.properties", "maybe")));
    assertTrue(e.getMessage().contains("serializers.registry.flight-json.fail.on.unknown.properties"), e.getMessage());
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

  /** A second record class, for a serde that writes several. */
  public record Gate(String code, double meanDelay) {
  }

  /** A final class with nothing Jackson can write. */
  public static final class Opaque {
  }

  @Test
  void anUntypedSerdeWritesEachClassByItsOwnPropertiesEveryTime() {
    Serde<Object> serde = serde(Map.of());
    Flight flight = new Flight("SFO", 12, List.of("SFO", "JFK"));
    Gate gate = new Gate("B7", 2.5);
    for (int i = 0; i < 3; i++) { // the first call of a class resolves its writer, later ones reuse it
      assertEquals("{\"origin\":\"SFO\",\"delayMinutes\":12,\"legs\":[\"SFO\",\"JFK\"]}",
          new String(serde.toBytes(flight), UTF_8));
      assertEquals("{\"code\":\"B7\",\"meanDelay\":2.5}", new String(serde.toBytes(gate), UTF_8));
      assertEquals("{\"a\":1}", new String(serde.toBytes(Map.of("a", 1)), UTF_8));
      SerdeException e = assertThrows(SerdeException.class, () -> serde.toBytes(new Opaque()));
      assertEquals(SerdeException.NO_PAYLOAD, e.payloadLength());
    }
  }

  @Test
  void anUnknownTypeClassIsAConfigExceptionNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> serde(Map.of("serializers.registry.flight-json.type", "com.example.NoSuchFlight")));
    assertTrue(e.getMessage().contains("serializers.registry.flight-json.type"), e.getMessage());
  }
}
