package io.strand.kv.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.kv.layers.SlotTable.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlotTableTest {

  private static Slot slot(Object key) {
    return new Slot(key, SlotTable.hash(key), "v", false);
  }

  @Test
  void everyKeyStaysReachableThroughAddsAndRemovesWithColliding() {
    SlotTable t = new SlotTable(5_000);
    List<Slot> in = new ArrayList<>();
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      if (in.size() < 4_000 && (in.isEmpty() || random.nextInt(3) > 0)) {
        Slot s = slot((long) round);
        t.add(s);
        in.add(s);
      } else {
        t.remove(in.remove(random.nextInt(in.size())));
      }
    }
    assertEquals(in.size(), t.size());
    for (Slot s : in) {
      assertSame(s, t.find(s.key, s.hash));
    }
    assertNull(t.find(-1L, SlotTable.hash(-1L)));
  }

  @Test
  void byteArrayKeysMatchByContent() {
    SlotTable t = new SlotTable(4);
    Slot s = slot(new byte[] {1, 2});
    t.add(s);
    assertSame(s, t.find(new byte[] {1, 2}, SlotTable.hash(new byte[] {1, 2})));
    assertNull(t.find(new byte[] {1, 3}, SlotTable.hash(new byte[] {1, 3})));
  }

  @Test
  void clockSparesAReferencedSlotOnceAndTakesANewOneFirst() {
    SlotTable t = new SlotTable(3);
    Slot a = slot("a");
    Slot b = slot("b");
    Slot c = slot("c");
    t.add(a);
    t.add(b);
    t.add(c);
    a.referenced = true;
    c.referenced = true;
    assertSame(b, t.victim(), "the only slot not read again since it came");
    t.remove(b);
    Slot next = t.victim();
    t.remove(next);
    Slot last = t.victim();
    assertEquals(List.of(), List.of(a, c).stream().filter(s -> s.referenced).toList(),
        "the hand cleared both flags on its way");
    assertEquals(1, t.size());
    assertSame(last, t.find(last.key, last.hash));
  }

  @Test
  void aNewSlotIsReachedLastNotEvictedNext() {
    SlotTable t = new SlotTable(3);
    Slot a = slot("a");
    Slot b = slot("b");
    Slot c = slot("c");
    List.of(a, b, c).forEach(t::add);
    assertSame(a, t.victim());
    t.remove(a);
    Slot d = slot("d");
    t.add(d);
    assertSame(b, t.victim(), "the oldest left, not the slot just added");
    t.remove(b);
    t.add(slot("e"));
    assertSame(c, t.victim());
    t.remove(c);
    t.add(slot("f"));
    assertSame(d, t.victim(), "d's turn once every older slot went");
  }

  @Test
  void aFullTableEvictingOnEveryAddKeepsMissesShort() {
    // A join buffer's cache: every write a new key, each evicting the oldest. Evicting in hash
    // array order left the array near full just ahead of the hand: a miss read ~9 places.
    SlotTable t = new SlotTable(1_000);
    Random random = new Random(3);
    long probes = 0;
    int misses = 0;
    for (int i = 0; i < 50_000; i++) {
      Long key = random.nextLong();
      int hash = SlotTable.hash(key);
      if (i >= 10_000) {
        probes += t.missProbes(hash);
        misses++;
      }
      if (t.size() >= t.capacity()) {
        t.remove(t.victim());
      }
      t.add(slot(key));
    }
    double mean = (double) probes / misses;
    assertTrue(mean < 3.5, "a miss reads about 2.5 places of an evenly half-full array, read " + mean);
  }
}
