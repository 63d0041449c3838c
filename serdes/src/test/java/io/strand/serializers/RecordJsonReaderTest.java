package io.strand.serializers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonSerde}'s streaming read of flat records ({@link RecordJsonReader}) against databind. */
public class RecordJsonReaderTest {

  /** A flat record of every supported component type, with a Jackson annotation on another method. */
  public record Plain(long id, int count, boolean open, String name) {
    @JsonIgnore
    public boolean isEmpty() {
      return count == 0;
    }
  }

  /** Renamed by an annotation: databind must read it. */
  public record Renamed(@JsonProperty("identifier") long id, String name) {
  }

  /** A constructor that refuses some values. */
  public record Checked(long id, String name) {
    public Checked {
      if (id < 0) {
        throw new IllegalArgumentException("negative id " + id);
      }
    }
  }

  /** A component of another type: databind must read it. */
  public record Nested(long id, List<String> tags) {
  }

  /** JsonSerde's default mapper, rebuilt here; a caller's mapper always reads through databind. */
  private static <T> JsonSerde<T> databind(String name, Class<T> type) {
    ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return new JsonSerde<>(name, mapper, mapper.constructType(type));
  }

  private static final List<String> PAYLOADS = List.of(
      "{\"id\":7,\"count\":3,\"open\":true,\"name\":\"a\"}",
      "{\"name\":\"b\",\"open\":false,\"id\":-9223372036854775808,\"count\":-2147483648}",
      "{ \"id\" : 1 , \"count\" : 0 , \"open\" : false , \"name\" : \"\\u00e9\\n\" }",
      "{\"id\":1,\"count\":2,\"open\":true}",                                // missing
      "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\",\"other\":1}",   // unknown
      "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\",\"empty\":true}",   // ignored by an annotation
      "{\"id\":1,\"id\":2,\"count\":2,\"open\":true,\"name\":\"a\"}",        // duplicate
      "{\"id\":1,\"count\":2,\"open\":true,\"name\":null}",                  // explicit null
      "{\"id\":null,\"count\":2,\"open\":true,\"name\":\"a\"}",              // null primitive
      "{\"id\":1.5,\"count\":2,\"open\":true,\"name\":\"a\"}",               // float for a long
      "{\"id\":\"12\",\"count\":2,\"open\":true,\"name\":\"a\"}",            // string for a long
      "{\"id\":1,\"count\":3000000000,\"open\":true,\"name\":\"a\"}",        // int out of range
      "{\"id\":99999999999999999999,\"count\":2,\"open\":true,\"name\":\"a\"}", // long out of range
      "{\"id\":1,\"count\":2,\"open\":1,\"name\":\"a\"}",                    // number for a boolean
      "{\"id\":1,\"count\":2,\"open\":true,\"name\":5}",                     // number for a string
      "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"} {}",              // trailing content
      "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"",                  // truncated
      "{\"id\":1,\"count\":2,\"open\":true,\"name\":[\"a\"]}",               // array for a string
      "[1,2,true,\"a\"]",
      "null",
      "{}");

  @Test
  void everyPayloadReadsAsDatabindReadsIt() {
    JsonSerde<Plain> serde = new JsonSerde<>("plain", Plain.class);
    JsonSerde<Plain> oracle = databind("plain", Plain.class);
    for (String payload : PAYLOADS) {
      byte[] bytes = payload.getBytes(UTF_8);
      Object expected;
      try {
        expected = oracle.fromBytes(bytes);
      } catch (SerdeException e) {
        SerdeException got = assertThrows(SerdeException.class, () -> serde.fromBytes(bytes), payload);
        assertEquals(e.getMessage(), got.getMessage(), payload);
        continue;
      }
      assertEquals(expected, serde.fromBytes(bytes), payload);
    }
  }

  @Test
  void thePlainCaseIsReadOffTheParserAndEverythingElseIsLeftToDatabind() throws Exception {
    RecordJsonReader<Plain> reader = RecordJsonReader.of(Plain.class, new ObjectMapper().getFactory());
    assertNotNull(reader);
    assertEquals(new Plain(7, 3, true, "a"), reader.read(PAYLOADS.get(0).getBytes(UTF_8)));
    assertEquals(new Plain(-9223372036854775808L, Integer.MIN_VALUE, false, "b"), reader.read(PAYLOADS.get(1).getBytes(UTF_8)));
    assertEquals(new Plain(1, 0, false, "\u00e9\n"), reader.read(PAYLOADS.get(2).getBytes(UTF_8)));
    for (String payload : PAYLOADS.subList(3, PAYLOADS.size())) {
      try {
        assertNull(reader.read(payload.getBytes(UTF_8)), payload);
      } catch (java.io.IOException malformed) {
        assertTrue(payload.endsWith("\"a\""), "only the truncated payload is malformed: " + payload);
      }
    }
  }

  @Test
  void onlyFlatUnannotatedRecordsAreReadOffTheParser() {
    ObjectMapper mapper = new ObjectMapper();
    assertNull(RecordJsonReader.of(Renamed.class, mapper.getFactory()));
    assertNull(RecordJsonReader.of(Nested.class, mapper.getFactory()));
    assertNull(RecordJsonReader.of(String.class, mapper.getFactory()));
    assertNotNull(RecordJsonReader.of(Checked.class, mapper.getFactory()));
    // Databind still reads them, by their annotations.
    assertEquals(new Renamed(4, "x"),
        new JsonSerde<>("renamed", Renamed.class).fromBytes("{\"identifier\":4,\"name\":\"x\"}".getBytes(UTF_8)));
    assertThrows(SerdeException.class,
        () -> new JsonSerde<>("renamed", Renamed.class).fromBytes("{\"id\":4,\"name\":\"x\"}".getBytes(UTF_8)));
  }

  @Test
  void aConstructorThatRefusesTheValuesFailsAsInDatabind() {
    JsonSerde<Checked> serde = new JsonSerde<>("checked", Checked.class);
    assertEquals(new Checked(1, "ok"), serde.fromBytes("{\"id\":1,\"name\":\"ok\"}".getBytes(UTF_8)));
    byte[] bad = "{\"id\":-1,\"name\":\"no\"}".getBytes(UTF_8);
    SerdeException e = assertThrows(SerdeException.class, () -> serde.fromBytes(bad));
    try {
      databind("checked", Checked.class).fromBytes(bad);
      fail("databind accepted a refused value");
    } catch (SerdeException expected) {
      assertEquals(expected.getMessage(), e.getMessage());
    }
    assertTrue(e.getMessage().contains("negative id -1"), e.getMessage());
  }
}
