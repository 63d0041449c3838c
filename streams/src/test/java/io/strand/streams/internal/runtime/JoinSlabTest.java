package io.strand.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A time segment's slab: records appended in arrival order, read back in place and copied out. */
class JoinSlabTest {

  private static final byte[] KEY = "key".getBytes(StandardCharsets.UTF_8);

  @Test
  void recordsComeBackInArrivalOrderAcrossArraysWithTheirKeysValuesAndNumbers() {
    JoinSlab slab = new JoinSlab(0); // the smallest first array: the records below fill several
    List<byte[]> chunks = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    int records = 2_000;
    for (int i = 0; i < records; i++) {
      byte[] stored = i % 7 == 0 ? null : new byte[] {0, (byte) i, (byte) (i >> 8)};
      offsets.add(slab.append(StreamJoinOp.recordKey(KEY, 1_000 + i, i), stored));
      chunks.add(slab.lastChunk());
    }
    assertEquals(records, slab.count());
    assertTrue(slab.chunkCount() > 1, "past the first array of " + JoinSlab.MIN_CHUNK + " bytes");
    assertTrue(slab.chunk(1).length == JoinSlab.MAX_CHUNK, "the arrays after the first are full-size");

    int i = 0;
    for (int c = 0; c < slab.chunkCount(); c++) {
      byte[] chunk = slab.chunk(c);
      for (int at = 0; at < slab.used(c); at = JoinSlab.next(chunk, at), i++) {
        assertEquals(chunks.get(i), chunk);
        assertEquals(offsets.get(i), at);
        assertArrayEquals(StreamJoinOp.recordKey(KEY, 1_000 + i, i), JoinSlab.recordKey(chunk, at));
        assertEquals(i, JoinSlab.seqOf(chunk, at));
        assertTrue(JoinSlab.keyEquals(chunk, at, StreamJoinOp.recordKey(KEY, 1_000 + i, i)));
        if (i % 7 == 0) {
          assertNull(JoinSlab.stored(chunk, at), "a key-only entry holds no value");
        } else {
          assertArrayEquals(new byte[] {0, (byte) i, (byte) (i >> 8)}, JoinSlab.stored(chunk, at));
        }
      }
    }
    assertEquals(records, i);
  }

  @Test
  void theFirstArrayIsSizedAsTheHintAndAValueChangesInPlaceOnly() {
    assertEquals(100_000, new JoinSlabProbe(100_000).firstLength());
    assertEquals(JoinSlab.MAX_CHUNK, new JoinSlabProbe(50L << 20).firstLength());

    JoinSlab slab = new JoinSlab(0);
    byte[] recordKey = StreamJoinOp.recordKey(KEY, 5, 1);
    int at = slab.append(recordKey, new byte[] {0, 42});
    JoinSlab.setStored(slab.lastChunk(), at, new byte[] {1, 42});
    assertArrayEquals(new byte[] {1, 42}, JoinSlab.stored(slab.lastChunk(), at));
    assertThrows(IllegalArgumentException.class, () -> JoinSlab.setStored(slab.lastChunk(), at, new byte[] {1}));
  }

  /** The length of a slab's first array for a hint. */
  private record JoinSlabProbe(long hint) {
    int firstLength() {
      JoinSlab slab = new JoinSlab(hint);
      slab.append(StreamJoinOp.recordKey(KEY, 0, 0), new byte[] {0});
      return slab.lastChunk().length;
    }
  }
}
