package io.strand.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.streams.internal.graph.AggregateNode;
import org.junit.jupiter.api.Test;

class KeyPanesTest {

  /** A merge that shows its order: "left+right". */
  private static final AggregateNode.Merge CONCAT = (k, left, right) -> left + "+" + right;

  private static byte[] storeKey(long start) {
    return Bytes.windowKey(new byte[] {'k'}, start, start + 2_000);
  }

  @Test
  void panesOpenedOutOfOrderMergeInOrderOfTheirStartsAndGrowPastTheFirstCapacity() {
    KeyPanes kp = new KeyPanes(new byte[] {'k'}, 2);
    kp.open(4_000, storeKey(4_000), "c");
    kp.open(0, storeKey(0), "a");
    kp.open(8_000, storeKey(8_000), "e");
    kp.open(2_000, storeKey(2_000), "b"); // past the capacity of 2, between two others
    kp.open(12_000, storeKey(12_000), "g"); // ahead of the windows below: never in them

    assertEquals("a+b+c+e", kp.merge(null, 0, 10_000, "k", CONCAT)); // window [0, 10 s)
    assertEquals("w+b+c+e", kp.merge("w", 2_000, 12_000, "k", CONCAT)); // a whole window's entry first
    assertEquals("g", kp.merge(null, 10_000, 20_000, "k", CONCAT));
    assertNull(kp.merge(null, 20_000, 30_000, "k", CONCAT));
    assertEquals("x", kp.merge("x", 20_000, 30_000, "k", CONCAT));

    int i = kp.indexOf(4_000);
    kp.aggregate(i, "C");
    assertEquals("C", kp.aggregate(kp.indexOf(4_000)));
    assertArrayEquals(storeKey(4_000), kp.storeKey(i));
    assertEquals(-1, kp.indexOf(6_000));
  }

  @Test
  void closingPanesGivesTheirStoreKeysUntilNoneIsLeft() {
    KeyPanes kp = new KeyPanes(new byte[] {'k'}, 6);
    kp.open(0, storeKey(0), 1L);
    kp.open(2_000, storeKey(2_000), 2L);
    kp.open(4_000, storeKey(4_000), 3L);

    assertArrayEquals(storeKey(0), kp.close(0));
    assertNull(kp.close(0), "closed once");
    assertEquals(5L, kp.merge(null, 0, 10_000, "k", (k, l, r) -> (Long) l + (Long) r));
    assertArrayEquals(storeKey(4_000), kp.close(4_000)); // not the oldest: still found
    assertArrayEquals(storeKey(2_000), kp.close(2_000));
    assertTrue(kp.isEmpty());
    assertNull(kp.merge(null, 0, 10_000, "k", CONCAT));
  }
}
