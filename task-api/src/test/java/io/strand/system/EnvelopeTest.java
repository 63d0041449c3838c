package io.strand.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final SystemStream OUT = new SystemStream("kafka", "out");
  private static final SystemStreamPartition IN = new SystemStreamPartition("kafka", "flights", 0);

  @Test
  void outgoingWithMessageOnlyHasNoKeyAndNoPartitionKey() {
    OutgoingMessageEnvelope env = new OutgoingMessageEnvelope(OUT, "m");
    assertEquals(OUT, env.getSystemStream());
    assertNull(env.getKey());
    assertNull(env.getPartitionKey());
    assertEquals("m", env.getMessage());
  }

  @Test
  void outgoingWithKeyIsPartitionedByThatKey() {
    OutgoingMessageEnvelope env = new OutgoingMessageEnvelope(OUT, "k", "m");
    assertEquals("k", env.key());
    assertEquals("k", env.partitionKey());
    assertEquals("m", env.message());
  }

  @Test
  void outgoingWithSeparatePartitionKeyKeepsAllThree() {
    OutgoingMessageEnvelope env = new OutgoingMessageEnvelope(OUT, "SFO", "k", "m");
    assertEquals("SFO", env.getPartitionKey());
    assertEquals("k", env.getKey());
    assertEquals("m", env.getMessage());
  }

  @Test
  void outgoingAllowsTombstonesButNeedsADestination() {
    assertNull(new OutgoingMessageEnvelope(OUT, "k", null).message());
    assertThrows(IllegalArgumentException.class, () -> new OutgoingMessageEnvelope(null, "m"));
  }

  @Test
  void incomingCarriesEveryPart() {
    IncomingMessageEnvelope env = new IncomingMessageEnvelope(IN, "42", "k", "m", 17, 1_700_000_000_000L);
    assertEquals(IN, env.getSystemStreamPartition());
    assertEquals("42", env.getOffset());
    assertEquals(42L, env.offsetAsLong());
    assertEquals("k", env.getKey());
    assertEquals("m", env.getMessage());
    assertEquals(17, env.getSize());
    assertEquals(1_700_000_000_000L, env.getEventTime());
  }

  @Test
  void incomingShortConstructorHasUnknownSizeAndNoEventTime() {
    IncomingMessageEnvelope env = new IncomingMessageEnvelope(IN, "0", null, "m");
    assertEquals(0, env.size());
    assertEquals(IncomingMessageEnvelope.NO_EVENT_TIME, env.eventTimeMs());
  }

  @Test
  void incomingRejectsMissingPartsAndNegativeSize() {
    assertThrows(IllegalArgumentException.class, () -> new IncomingMessageEnvelope(null, "0", null, "m"));
    assertThrows(IllegalArgumentException.class, () -> new IncomingMessageEnvelope(IN, null, null, "m"));
    assertThrows(IllegalArgumentException.class, () -> new IncomingMessageEnvelope(IN, "0", null, "m", -1, 0));
  }

  @Test
  void nonNumericOffsetHasNoLongForm() {
    IncomingMessageEnvelope env = new IncomingMessageEnvelope(IN, "shard-7:abc", null, "m");
    IllegalStateException e = assertThrows(IllegalStateException.class, env::offsetAsLong);
    assertTrue(e.getMessage().contains("shard-7:abc"), e.getMessage());
  }

  @Test
  void incomingWithNumericOffsetReadsAsTextAndAsNumber() {
    IncomingMessageEnvelope env = new IncomingMessageEnvelope(IN, 9_000_000_001L, "k", "m", 17, 5L);
    assertEquals(9_000_000_001L, env.offsetAsLong());
    assertEquals("9000000001", env.getOffset());
    assertEquals("9000000001", env.offset());
    assertEquals(IN, env.systemStreamPartition());
    assertEquals(17, env.getSize());
    assertEquals(5L, env.getEventTime());
  }

  @Test
  void incomingEqualsByValueWhicheverWayTheOffsetWasGiven() {
    IncomingMessageEnvelope numeric = new IncomingMessageEnvelope(IN, 42L, "k", "m", 17, 5L);
    IncomingMessageEnvelope text = new IncomingMessageEnvelope(IN, "42", "k", "m", 17, 5L);
    assertEquals(numeric, text);
    assertEquals(text, numeric);
    assertEquals(text.hashCode(), numeric.hashCode());
    assertEquals(numeric, new IncomingMessageEnvelope(IN, 42L, "k", "m", 17, 5L));
    assertEquals(text.toString(), numeric.toString());
    assertTrue(numeric.toString().contains("offset=42"), numeric.toString());
    assertNotEquals(numeric, new IncomingMessageEnvelope(IN, 43L, "k", "m", 17, 5L));
    assertNotEquals(text, new IncomingMessageEnvelope(IN, "042", "k", "m", 17, 5L), "offsets compare as text");
    assertNotEquals(numeric, new IncomingMessageEnvelope(IN, 42L, "k", "other", 17, 5L));
    assertNotEquals(numeric, new IncomingMessageEnvelope(IN, 42L, "k", "m", 18, 5L));
    assertNotEquals(numeric, new IncomingMessageEnvelope(new SystemStreamPartition("kafka", "flights", 1), 42L, "k",
        "m", 17, 5L));
  }

  @Test
  void incomingWithNumericOffsetStillNeedsAPartitionAndASize() {
    assertThrows(IllegalArgumentException.class, () -> new IncomingMessageEnvelope(null, 0L, null, "m", 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new IncomingMessageEnvelope(IN, 0L, null, "m", -1, 0));
  }
}
