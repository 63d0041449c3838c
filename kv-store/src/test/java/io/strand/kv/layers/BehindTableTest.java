package io.strand.kv.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The deferred puts' open-addressing table against a {@code HashMap}: random adds, replaces and
 * removes with few distinct hashes (long probe runs that wrap around the array), so a removal's
 * backward shift that lost or misplaced an entry shows as a missing or wrong value.
 */
class BehindTableTest {

  private static byte[] key(int k) {
    return ByteBuffer.allocate(4).putInt(k).array();
  }

  @Test
  void addsReplacesAndRemovesAsAMapDoesUnderCollidingHashes() {
    Random random = new Random(7);
    BehindTable table = new BehindTable();
    Map<Integer, Integer> truth = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      int k = random.nextInt(300);
      int hash = (k % 7) * 0x9E3779B9 - 1; // 7 hashes, spread over the high bits and the low ones
      int i = table.indexOf(key(k), hash);
      assertEquals(truth.containsKey(k), i >= 0, "key " + k + " at step " + step);
      switch (random.nextInt(3)) {
        case 0 -> {
          if (i >= 0) {
            table.replace(i, step);
          } else {
            table.add(key(k), hash, step);
          }
          truth.put(k, step);
        }
        case 1 -> {
          if (i >= 0) {
            table.removeAt(i);
            truth.remove(k);
          }
        }
        default -> {
          if (i >= 0) {
            assertEquals(truth.get(k), table.value(i));
          }
        }
      }
      assertEquals(truth.size(), table.size());
      if (step % 50_000 == 0) {
        table.clear();
        truth.clear();
      }
    }
    for (Map.Entry<Integer, Integer> e : truth.entrySet()) {
      int k = e.getKey();
      int i = table.indexOf(key(k), (k % 7) * 0x9E3779B9 - 1);
      assertTrue(i >= 0);
      assertEquals(e.getValue(), table.value(i));
    }
  }
}
