package io.strand.serializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class RecordSerdeTest {

  enum Kind { BID, ASK }

  record Leg(String origin, Long delay, Kind kind) {
  }

  record Everything(long l, int i, double d, float f, boolean b, short s, char c, byte y, Integer boxed,
      String text, byte[] raw, Kind kind, Leg leg, List<Leg> legs, List<String> names, List<Long> numbers) {
  }

  record SelfReferencing(List<SelfReferencing> children) {
  }

  record WithMap(Map<String, String> map) {
  }

  private static final RecordSerde<Everything> SERDE = RecordSerde.of(Everything.class);

  private static Everything sample() {
    List<Leg> legs = new ArrayList<>();
    legs.add(new Leg("SFO", 12L, Kind.BID));
    legs.add(null);
    legs.add(new Leg(null, null, null));
    return new Everything(Long.MIN_VALUE, -7, Math.PI, 1.5f, true, (short) -3, 'é', (byte) 0x80, 42,
        "naïve ✓", new byte[] {1, 2, 3}, Kind.ASK, new Leg("JFK", -1L, Kind.ASK), legs,
        Arrays.asList("a", null, ""), List.of(1L, Long.MAX_VALUE));
  }

  @Test
  void everySupportedComponentRoundTrips() {
    Everything e = sample();
    Everything back = SERDE.fromBytes(SERDE.toBytes(e));
    assertArrayEquals(e.raw(), back.raw());
    // byte[] compares by identity in a record's equals: compare the rest with the array swapped in
    assertEquals(e, new Everything(back.l(), back.i(), back.d(), back.f(), back.b(), back.s(), back.c(), back.y(),
        back.boxed(), back.text(), e.raw(), back.kind(), back.leg(), back.legs(), back.names(), back.numbers()));
  }

  @Test
  void nullsRoundTripAtEveryLevel() {
    Everything e = new Everything(0, 0, 0, 0, false, (short) 0, 'x', (byte) 0, null, null, null, null, null, null,
        null, null);
    assertEquals(e, SERDE.fromBytes(SERDE.toBytes(e)));
    assertNull(SERDE.toBytes(null));
    assertNull(SERDE.fromBytes(null));
  }

  @Test
  void theLayoutIsCompactAndFixed() {
    record Pair(long a, String b) {
    }
    // 8 bytes of long, presence byte, 4-byte length, 2 bytes of UTF-8: no names, no tags
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 5, 1, 0, 0, 0, 2, 'h', 'i'},
        RecordSerde.of(Pair.class).toBytes(new Pair(5, "hi")));
  }

  @Test
  void readListsAreUnmodifiable() {
    Everything back = SERDE.fromBytes(SERDE.toBytes(sample()));
    assertThrows(UnsupportedOperationException.class, () -> back.names().add("z"));
  }

  @Test
  void truncatedOrTrailingBytesAreASerdeError() {
    byte[] bytes = SERDE.toBytes(sample());
    SerdeException shortOne = assertThrows(SerdeException.class,
        () -> SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)));
    assertEquals(bytes.length - 1, shortOne.payloadLength());
    assertTrue(shortOne.getMessage().contains("Everything"), shortOne.getMessage());
    assertThrows(SerdeException.class, () -> SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)));
    assertThrows(SerdeException.class, () -> SERDE.fromBytes(new byte[] {1, 2}));
  }

  @Test
  void unsupportedComponentsAreRejectedWhenTheSerdeIsMade() {
    IllegalArgumentException map = assertThrows(IllegalArgumentException.class, () -> RecordSerde.of(WithMap.class));
    assertTrue(map.getMessage().contains("WithMap.map"), map.getMessage());
    IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
        () -> RecordSerde.of(SelfReferencing.class));
    assertTrue(self.getMessage().contains("refers to itself"), self.getMessage());
  }
}
