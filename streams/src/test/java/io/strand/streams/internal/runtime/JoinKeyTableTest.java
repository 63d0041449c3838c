package io.strand.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The join buffer's key table against a {@code HashMap}: random adds and removes with few distinct
 * hashes (long probe runs that wrap around), keys looked up as slices of larger arrays, so a
 * backward shift that lost or misplaced an entry shows.
 */
class JoinKeyTableTest {

  @Test
  void findsWhatAMapFindsUnderCollidingHashes() {
    Random random = new Random(11);
    JoinKeyTable table = new JoinKeyTable();
    Map<Integer, JoinRecords> truth = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      int k = random.nextInt(400);
      byte[] slice = ByteBuffer.allocate(12).putInt(-1).putInt(k).putInt(-1).array(); // the key at [4, 8)
      int hash = (k % 5) * 0x9E3779B9;
      JoinRecords found = table.get(slice, 4, 4, hash);
      JoinRecords expected = truth.get(k);
      assertSame(expected, found, "key " + k + " at step " + step);
      if (found == null && random.nextBoolean()) {
        JoinRecords records = new JoinRecords(ByteBuffer.allocate(4).putInt(k).array(), 0, 4, hash);
        table.add(records);
        truth.put(k, records);
      } else if (found != null && random.nextInt(3) == 0) {
        table.remove(found);
        truth.remove(k);
        assertNull(table.get(slice, 4, 4, hash));
      }
      assertEquals(truth.size(), table.size());
    }
  }
}
