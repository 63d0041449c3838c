package io.strand.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloseIndexTest {

  private static byte[] key(int n) {
    return new byte[] {'d', (byte) n};
  }

  private static List<String> taken(CloseIndex index, long watermarkMs) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<Long, byte[]> e : index.takeDue(watermarkMs)) {
      out.add(e.getKey() + ":" + e.getValue()[1]);
    }
    return out;
  }

  @Test
  void windowsComeOutByDueTimeThenKeyOnceEachWhateverTheOrderTheyOpenedIn() {
    CloseIndex index = new CloseIndex();
    // hopping windows: five due times in a row per record, every 2 s, interleaved across records
    for (int record = 3; record >= 1; record--) {
      for (long due = 2_000; due <= 10_000; due += 2_000) {
        index.add(due, key(record));
      }
    }
    index.add(4_000, key(2)); // a window noted twice fires once
    assertEquals(2_000, index.next());
    assertEquals(List.of("2000:1", "2000:2", "2000:3", "4000:1", "4000:2", "4000:3"), taken(index, 5_999));
    assertEquals(6_000, index.next());
  }

  @Test
  void aDueTimeTakenAndOpenedAgainStartsAFreshList() {
    CloseIndex index = new CloseIndex();
    index.add(2_000, key(1));
    assertEquals(List.of("2000:1"), taken(index, 2_000));
    index.add(2_000, key(2));
    index.add(2_000 + 16 * 2_000, key(3)); // same progression, sixteen steps on
    assertEquals(List.of("2000:2"), taken(index, 2_000));
    assertEquals(List.of("34000:3"), taken(index, Long.MAX_VALUE));
    assertEquals(Long.MAX_VALUE, index.next());
  }
}
