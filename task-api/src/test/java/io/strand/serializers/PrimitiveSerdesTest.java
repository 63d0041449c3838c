package io.strand.serializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrimitiveSerdesTest {
  private static final Config EMPTY = Config.of(Map.of());

  @Test
  void integersRoundTripAsFourBigEndianBytes() {
    Serde<Integer> serde = new IntegerSerdeFactory().getSerde("ints", EMPTY);
    assertArrayEquals(new byte[] {0x01, 0x02, 0x03, 0x04}, serde.toBytes(0x01020304));
    for (int v : new int[] {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 123_456_789}) {
      assertEquals(v, serde.fromBytes(serde.toBytes(v)));
    }
    assertNull(serde.toBytes(null));
    assertNull(serde.fromBytes(null));
  }

  @Test
  void longsRoundTripAsEightBigEndianBytes() {
    Serde<Long> serde = new LongSerdeFactory().getSerde("longs", EMPTY);
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0x01, 0x00}, serde.toBytes(256L));
    for (long v : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1_700_000_000_000L}) {
      assertEquals(v, serde.fromBytes(serde.toBytes(v)));
    }
    assertNull(serde.fromBytes(null));
  }

  @Test
  void doublesRoundTripBitForBit() {
    Serde<Double> serde = new DoubleSerdeFactory().getSerde("doubles", EMPTY);
    assertArrayEquals(new byte[] {0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0}, serde.toBytes(1.0));
    for (double v : new double[] {0.0, -0.0, 3.25, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
        Double.NEGATIVE_INFINITY}) {
      assertEquals(Double.valueOf(v), serde.fromBytes(serde.toBytes(v)));
    }
    assertNull(serde.toBytes(null));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 5, 8})
  void integerPayloadOfWrongLengthIsASerdeException(int length) {
    SerdeException e = assertThrows(SerdeException.class,
        () -> new IntegerSerde("ints").fromBytes(new byte[length]));
    assertEquals("ints", e.serdeName());
    assertEquals(length, e.payloadLength());
    assertTrue(e.getMessage().contains("serde 'ints'") && e.getMessage().contains(length + "-byte"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4, 7, 9})
  void longAndDoublePayloadsOfWrongLengthAreSerdeExceptions(int length) {
    assertEquals(length, assertThrows(SerdeException.class,
        () -> new LongSerde("longs").fromBytes(new byte[length])).payloadLength());
    assertEquals("doubles", assertThrows(SerdeException.class,
        () -> new DoubleSerde("doubles").fromBytes(new byte[length])).serdeName());
  }

  @Test
  void stringsAreUtf8ByDefault() {
    Serde<String> serde = new StringSerdeFactory().getSerde("string", EMPTY);
    String text = "Zürich ✈ 東京";
    assertArrayEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), serde.toBytes(text));
    assertEquals(text, serde.fromBytes(serde.toBytes(text)));
    assertEquals("", serde.fromBytes(new byte[0]));
    assertNull(serde.toBytes(null));
    assertNull(serde.fromBytes(null));
  }

  @Test
  void stringEncodingIsConfigurable() {
    Config config = Config.of(Map.of("serializers.registry.latin.encoding", "ISO-8859-1"));
    Serde<String> serde = new StringSerdeFactory().getSerde("latin", config);
    assertArrayEquals(new byte[] {(byte) 0xfc}, serde.toBytes("ü"));
    assertEquals("ü", serde.fromBytes(new byte[] {(byte) 0xfc}));
  }

  @Test
  void unknownStringEncodingIsAConfigException() {
    Config config = Config.of(Map.of("serializers.registry.s.encoding", "EBCDIC-9000"));
    ConfigException e = assertThrows(ConfigException.class, () -> new StringSerdeFactory().getSerde("s", config));
    assertTrue(e.getMessage().contains("serializers.registry.s.encoding"), e.getMessage());
  }

  @Test
  void bytesPassThroughUnchanged() {
    Serde<byte[]> serde = new ByteSerdeFactory().getSerde("bytes", EMPTY);
    byte[] payload = {1, 2, 3};
    assertSame(payload, serde.toBytes(payload));
    assertSame(payload, serde.fromBytes(payload));
    assertNull(serde.fromBytes(null));
  }

  @Test
  void serializationFailuresSayThereWasNoPayload() {
    SerdeException e = new SerdeException("x", SerdeException.NO_PAYLOAD, new IllegalStateException("boom"));
    assertEquals("serde 'x' could not serialize an object: boom", e.getMessage());
    assertEquals(-1, e.payloadLength());
  }
}
