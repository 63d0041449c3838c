package io.strand.changelog.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The restore buffer's key table, against a {@link HashMap} doing the same puts. */
class LatestByKeyTest {

  @Test
  void putReportsWhetherTheKeyIsNewAndTheLengthItReplaced() {
    LatestByKey table = new LatestByKey();
    assertEquals(LatestByKey.ABSENT, table.put(b("k"), b("abc")));
    assertEquals(3, table.put(b("k"), null), "a fresh array with the same content is the same key");
    assertEquals(0, table.put(b("k"), b("x")), "a tombstone replaced counts as 0 bytes");
    assertEquals(LatestByKey.ABSENT, table.put(new byte[0], b("empty key")));
    assertEquals(2, table.size());
  }

  @Test
  void holdsTheLastValueOfEveryKeyAcrossGrowthAndClear() {
    LatestByKey table = new LatestByKey();
    Map<ByteBuffer, byte[]> expected = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      byte[] key = b("key-" + random.nextInt(50_000));
      byte[] value = random.nextInt(10) == 0 ? null : b("v" + i);
      int previous = table.put(key, value);
      boolean known = expected.containsKey(ByteBuffer.wrap(key));
      byte[] old = expected.put(ByteBuffer.wrap(key), value);
      assertEquals(known ? (old == null ? 0 : old.length) : LatestByKey.ABSENT, previous);
    }
    assertEquals(expected.size(), table.size());
    Map<ByteBuffer, byte[]> seen = new HashMap<>();
    table.forEach((key, value) -> {
      assertFalse(seen.containsKey(ByteBuffer.wrap(key)), "each key once");
      seen.put(ByteBuffer.wrap(key), value);
    });
    assertEquals(expected.keySet(), seen.keySet());
    expected.forEach((key, value) -> assertArrayEquals(value, seen.get(key)));

    table.clear();
    assertEquals(0, table.size());
    table.forEach((key, value) -> {
      throw new AssertionError("cleared table still holds " + new String(key, StandardCharsets.UTF_8));
    });
    assertEquals(LatestByKey.ABSENT, table.put(b("key-1"), b("again")));
    table.forEach((key, value) -> assertArrayEquals(b("again"), value));
  }

  @Test
  void keysThatCollideInContentHashStayDistinct() {
    LatestByKey table = new LatestByKey();
    // "Aa" and "BB" have the same Arrays.hashCode.
    table.put(b("Aa"), b("1"));
    table.put(b("BB"), b("2"));
    assertEquals(2, table.size());
    Map<String, String> seen = new HashMap<>();
    table.forEach((key, value) -> seen.put(new String(key, StandardCharsets.UTF_8),
        new String(value, StandardCharsets.UTF_8)));
    assertEquals(Map.of("Aa", "1", "BB", "2"), seen);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
