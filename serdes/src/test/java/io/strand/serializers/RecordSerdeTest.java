package io.strand.serializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  record WithObject(List<Object> values) {
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
  void theBytesCarryNoNamesAndAreCompact() {
    record Pair(long a, String b) {
    }
    byte[] bytes = RecordSerde.of(Pair.class).toBytes(new Pair(5, "hi"));
    // Kryo's variable-length long, a null marker and the string: no class or component names
    assertTrue(bytes.length <= 5, Arrays.toString(bytes));
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("Pair") || text.contains("Leg"), text);
    byte[] nested = SERDE.toBytes(sample());
    assertFalse(new String(nested, StandardCharsets.ISO_8859_1).contains("Leg"));
  }

  @Test
  void aSelfReferencingRecordRoundTrips() {
    RecordSerde<SelfReferencing> serde = RecordSerde.of(SelfReferencing.class);
    SelfReferencing tree = new SelfReferencing(List.of(new SelfReferencing(List.of()), new SelfReferencing(null)));
    assertEquals(tree, serde.fromBytes(serde.toBytes(tree)));
  }

  @Test
  void anUnregisteredListClassIsASerdeErrorOnWrite() {
    List<String> odd = new java.util.concurrent.CopyOnWriteArrayList<>(List.of("a"));
    Everything e = new Everything(0, 0, 0, 0, false, (short) 0, 'x', (byte) 0, null, null, null, null, null, null,
        odd, null);
    SerdeException error = assertThrows(SerdeException.class, () -> SERDE.toBytes(e));
    assertEquals(SerdeException.NO_PAYLOAD, error.payloadLength());
  }

  @Test
  void aThreadsReusedBuffersCarryNothingOverFromAFailedOrLargerWrite() {
    RecordSerde<Leg> serde = RecordSerde.of(Leg.class);
    byte[] small = serde.toBytes(new Leg("A", 1L, Kind.BID));
    Leg large = new Leg("x".repeat(RecordSerde.KEPT_BUFFER_MAX + 10), 2L, Kind.ASK);
    assertEquals(large, serde.fromBytes(serde.toBytes(large)));
    List<String> odd = new java.util.concurrent.CopyOnWriteArrayList<>(List.of("a"));
    assertThrows(SerdeException.class, () -> SERDE.toBytes(new Everything(0, 0, 0, 0, false, (short) 0, 'x',
        (byte) 0, null, null, null, null, null, null, odd, null)));
    assertThrows(SerdeException.class, () -> serde.fromBytes(new byte[] {1}));
    assertArrayEquals(small, serde.toBytes(new Leg("A", 1L, Kind.BID)));
    assertEquals(new Leg("A", 1L, Kind.BID), serde.fromBytes(small));
    assertArrayEquals(SERDE.toBytes(sample()), SERDE.toBytes(sample()));
  }

  @Test
  void serdesAreSafeToShareAcrossThreads() throws Exception {
    // a read list is written back under its own (unmodifiable) class id: start from a read value
    byte[] expected = SERDE.toBytes(SERDE.fromBytes(SERDE.toBytes(sample())));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int n = 0; n < 2_000; n++) {
            if (!Arrays.equals(expected, SERDE.toBytes(SERDE.fromBytes(expected)))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
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
    IllegalArgumentException object = assertThrows(IllegalArgumentException.class,
        () -> RecordSerde.of(WithObject.class));
    assertTrue(object.getMessage().contains("WithObject.values[]"), object.getMessage());
  }
}
