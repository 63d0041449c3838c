package io.strand.kv.layers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.kv.layers.SlotTable.Slot;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The dirty entries' index by key: pure logic over slots (the stores' behaviour is in StoreContractTest). */
class DirtyIndexTest {
  private static final Function<Object, byte[]> UTF8 = k -> ((String) k).getBytes(UTF_8);

  private final List<Integer> serialized = new ArrayList<>();
  private final Function<Object, byte[]> countingBytes = k -> {
    serialized.add(1);
    return UTF8.apply(k);
  };

  private static Slot dirty(String key, Object value) {
    return new Slot(key, SlotTable.hash(key), value, true);
  }

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static List<String> keys(List<Slot> slots) {
    return slots.stream().map(s -> (String) s.key).toList();
  }

  private static Map<String, Object> values(List<Slot> slots) {
    Map<String, Object> m = new HashMap<>();
    slots.forEach(s -> m.put((String) s.key, s.value));
    return m;
  }

  @Test
  void aScanFindsTheDirtyEntriesOfItsRangeInKeyOrderAsCopiesOfTheirValuesNow() {
    DirtyEntries dirty = new DirtyEntries(16, countingBytes);
    Slot c = dirty("c", "3");
    Slot a = dirty("a", "1");
    Slot b = dirty("b", "2");
    Slot z = dirty("z", "26");
    for (Slot s : List.of(c, a, b, z)) {
      dirty.add(s);
    }
    assertTrue(serialized.isEmpty(), "nothing indexed, nor serialized, before a scan needs it");
    DirtyIndex.InRange in = dirty.between(b("a"), b("c"));
    assertEquals(List.of("a", "b"), keys(in.values()), "[from, to), in key order though written c, a, b");
    assertEquals(4, serialized.size(), "each key serialized once, when the index is built");
    b.value = "changed after the scan began";
    assertEquals("2", in.values().get(1).value, "the scan's values are as they were when it began");
    assertEquals(List.of("a", "b", "c"), keys(dirty.between(b("a"), b("d")).values()));
    assertEquals(4, serialized.size(), "a built index serializes nothing again");
    assertSame(DirtyIndex.InRange.NONE, dirty.between(b("d"), b("y")), "nothing in range");
    assertSame(DirtyIndex.InRange.NONE, dirty.between(b("c"), b("a")), "an empty range");
  }

  @Test
  void deletionsOfKeysThatMayBeBelowComeApartAndDeletionsOfKeysNeverBelowHideAsValues() {
    DirtyEntries dirty = new DirtyEntries(16, UTF8);
    Slot wasBelow = dirty("k1", null);
    Slot neverBelow = dirty("k2", null);
    neverBelow.below = false;
    Slot value = dirty("k3", "v");
    List.of(wasBelow, neverBelow, value).forEach(dirty::add);
    DirtyIndex.InRange in = dirty.between(b("k"), b("l"));
    assertEquals(List.of("k1"), keys(in.deletesBelow()));
    assertSame(wasBelow, in.deletesBelow().get(0), "the slot itself, for the write-down");
    assertEquals(List.of("k2", "k3"), keys(in.values()));
  }

  @Test
  void onceBuiltTheIndexFollowsEveryChangeUntilAWriteDownClearsIt() {
    DirtyEntries dirty = new DirtyEntries(16, countingBytes);
    Slot a = dirty("a", "1");
    dirty.add(a);
    assertEquals(List.of("a"), keys(dirty.between(b("a"), b("z")).values()));
    Slot b = dirty("b", "2");
    dirty.add(b);
    assertEquals(List.of("a", "b"), keys(dirty.between(b("a"), b("z")).values()), "added after the build");
    a.dirty = false;
    dirty.cleaned();
    assertEquals(List.of("b"), keys(dirty.between(b("a"), b("z")).values()), "a clean slot leaves the index");
    Slot newerA = dirty("a", "1 again");
    dirty.add(newerA); // the key left the cache and came back as a new slot
    assertEquals(Map.of("a", "1 again", "b", "2"), values(dirty.between(b("a"), b("z")).values()));
    dirty.removeAll(java.util.Set.of(b)); // dropped (LocalDeletes)
    assertEquals(List.of("a"), keys(dirty.between(b("a"), b("z")).values()));
    dirty.clear();
    int before = serialized.size();
    Slot c = dirty("c", "3");
    dirty.add(c);
    assertEquals(before, serialized.size(), "after a write-down nothing is indexed until the next scan");
    assertEquals(List.of("c"), keys(dirty.between(b("a"), b("z")).values()), "rebuilt from the list as it is");
  }

  @Test
  void manyAddsWithoutAScanDropTheIndexAndTheNextScanRebuildsItFromTheList() {
    DirtyEntries dirty = new DirtyEntries(16, countingBytes);
    dirty.add(dirty("k99999", "first"));
    assertEquals(1, dirty.between(b("k"), b("l")).values().size()); // built, as at a window op's first record
    List<Slot> added = new ArrayList<>();
    for (int i = 3 * DirtyIndex.IDLE_ADDS; i > 0; i--) {
      Slot s = dirty(String.format("k%05d", i), "v" + i);
      dirty.add(s);
      added.add(s);
    }
    assertEquals(1 + DirtyIndex.IDLE_ADDS, serialized.size(),
        "keys are serialized for the index only until the adds without a scan pass the limit");
    added.get(0).dirty = false; // written down alone since
    dirty.cleaned();
    List<String> expected = new ArrayList<>(added.stream().filter(s -> s.dirty).map(s -> (String) s.key).sorted().toList());
    expected.add("k99999");
    assertEquals(expected, keys(dirty.between(b("k"), b("l")).values()), "rebuilt from the list, in key order");
    assertEquals(List.of("k00010", "k00011"), keys(dirty.between(b("k00010"), b("k00012")).values()));
    int indexed = expected.size();
    int before = serialized.size();
    for (int i = 0; i < indexed; i++) { // as many adds as were indexed at the scan: still kept up to date
      dirty.add(dirty(String.format("m%05d", i), "v"));
    }
    assertEquals(before + indexed, serialized.size(), "a large index is kept for as many adds as it held");
    assertEquals(indexed, dirty.between(b("m"), b("n")).values().size());
  }

  @Test
  void manyAddsAfterTheBuildAreFoldedIntoKeyOrder() {
    DirtyEntries dirty = new DirtyEntries(16, UTF8);
    dirty.add(dirty("k500", "v"));
    dirty.between(b("a"), b("b"));
    List<Slot> added = new ArrayList<>();
    for (int i = 4 * DirtyIndex.TAIL; i > 0; i--) { // several folds, keys added in reverse order
      Slot s = dirty(String.format("k%03d", i), "v" + i);
      dirty.add(s);
      added.add(s);
    }
    for (int i = 0; i < added.size(); i += 3) {
      added.get(i).dirty = false; // written down alone (evicted) since
      dirty.cleaned();
    }
    List<String> expected = new ArrayList<>(added.stream().filter(s -> s.dirty).map(s -> (String) s.key).sorted().toList());
    expected.add("k500");
    assertEquals(expected, keys(dirty.between(b("k"), b("l")).values()));
    List<String> inRange = expected.stream().filter(k -> k.compareTo("k012") >= 0 && k.compareTo("k016") < 0).toList();
    assertEquals(3, inRange.size(), "one of four consecutive keys is clean");
    assertEquals(inRange, keys(dirty.between(b("k012"), b("k016")).values()));
  }

  @Test
  void aLargeIndexTakesALongerTailAndStillScansInKeyOrder() {
    DirtyEntries dirty = new DirtyEntries(16, UTF8);
    for (int i = 0; i < 5_000; i += 2) {
      dirty.add(dirty(String.format("k%05d", i), "v"));
    }
    assertEquals(2_500, dirty.between(b("k"), b("l")).values().size());
    for (int i = 4_999; i > 0; i -= 2) { // the odd keys, in reverse: tails of up to sqrt(n), folded
      dirty.add(dirty(String.format("k%05d", i), "v"));
    }
    List<String> all = keys(dirty.between(b("k"), b("l")).values());
    assertEquals(5_000, all.size());
    assertEquals(all.stream().sorted().toList(), all);
    assertEquals(List.of("k00998", "k00999", "k01000"), keys(dirty.between(b("k00998"), b("k01001")).values()));
  }

  @Test
  void aStaleSlotOfAKeyDoesNotTakeOutItsNewerSlot() {
    DirtyEntries dirty = new DirtyEntries(16, UTF8);
    Slot old = dirty("k", "old");
    dirty.add(old);
    dirty.between(b("a"), b("z"));
    Slot newer = dirty("k", "new");
    dirty.add(newer);
    old.dirty = false;
    dirty.cleaned();
    assertEquals(Map.of("k", "new"), values(dirty.between(b("a"), b("z")).values()));
  }

  @Test
  void aSlotDirtyAgainAfterItsDeletionWentDownIsScannedOnce() {
    // A deletion written down by a scan leaves its slot in the list, clean; written again, the
    // slot is in the list twice, and a scan must still show its key once.
    RecordingStore below = new RecordingStore();
    DirtyEntries dirty = new DirtyEntries(16, UTF8);
    Slot k = dirty("k", null);
    dirty.add(k);
    DirtyIndex.InRange in = dirty.between(b("a"), b("z"));
    dirty.writeDeletes(in.deletesBelow(), below);
    assertEquals(List.of("k=null"), below.written);
    assertFalse(k.dirty);
    assertFalse(k.below);
    k.value = "back";
    k.dirty = true;
    dirty.add(k);
    assertEquals(List.of("k"), keys(dirty.between(b("a"), b("z")).values()));
    DirtyEntries unbuilt = new DirtyEntries(16, UTF8);
    Slot twice = dirty("t", "1");
    unbuilt.add(twice);
    twice.dirty = false;
    unbuilt.cleaned();
    twice.dirty = true;
    unbuilt.add(twice);
    assertEquals(List.of("t"), keys(unbuilt.between(b("a"), b("z")).values()), "and once when built from the list");
  }

  /**
   * Random adds, value changes, cleanings, drops and write-downs, with scans in between: every scan
   * finds what a walk and sort of the dirty list finds (the rule before the index).
   */
  @Test
  void everyScanFindsWhatAWalkOfTheDirtyListFinds() {
    Random random = new Random(16);
    checkAgainstAWalk(random, () -> String.format("k%02d", random.nextInt(60)));
  }

  /**
   * As above, with keys of 0 to 12 characters that mostly share a prefix of 10 (the windows that
   * compare keys begin after the shared prefix), some shorter than a window, with zero bytes
   * (ties of the zero-padded windows), and now and then one outside the prefix, which shortens it.
   */
  @Test
  void everyScanFindsWhatAWalkFindsWithKeysOfManyLengthsAndPrefixes() {
    Random random = new Random(17);
    char[] alphabet = {'\0', '\1', 'a', '\u00ff'};
    checkAgainstAWalk(random, () -> {
      StringBuilder key = new StringBuilder(random.nextInt(50) == 0 ? "" : "prefix-ab-");
      for (int n = random.nextInt(3); n > 0; n--) {
        key.append(alphabet[random.nextInt(alphabet.length)]);
      }
      return key.toString();
    });
  }

  private static void checkAgainstAWalk(Random random, java.util.function.Supplier<String> keys) {
    DirtyEntries dirty = new DirtyEntries(16, UTF8);
    Map<String, Slot> live = new HashMap<>(); // the cache's slot of each key
    List<Slot> list = new ArrayList<>(); // the dirty list, modelled
    for (int step = 0; step < 20_000; step++) {
      String key = keys.get();
      int op = random.nextInt(10);
      Slot slot = live.get(key);
      if (op < 5) { // put
        Object value = random.nextInt(4) == 0 ? null : "v" + step;
        if (slot == null) {
          slot = dirty(key, value);
          slot.below = random.nextBoolean();
          live.put(key, slot);
          dirty.add(slot);
          list.add(slot);
        } else {
          slot.value = value;
          if (!slot.dirty) {
            slot.dirty = true;
            dirty.add(slot);
            list.add(slot);
          }
        }
      } else if (op < 7 && slot != null && slot.dirty) { // evicted and written down alone, or dropped
        slot.dirty = false;
        dirty.cleaned();
        live.remove(key);
      } else if (op == 7 && random.nextInt(20) == 0) { // a write-down
        list.forEach(s -> s.dirty = false);
        list.clear();
        dirty.clear();
      } else { // a scan
        String from = keys.get();
        String to = random.nextInt(10) == 0 ? "\uffff" : keys.get();
        DirtyIndex.InRange in = dirty.between(b(from), b(to));
        List<Slot> expected = list.stream().filter(s -> s.dirty)
            .filter(s -> ((String) s.key).compareTo(from) >= 0 && ((String) s.key).compareTo(to) < 0)
            .distinct().sorted(Comparator.comparing(s -> (String) s.key)).toList();
        List<String> expectedDeletes = keys(expected.stream().filter(s -> s.value == null && s.below).toList());
        List<Slot> expectedValues = expected.stream().filter(s -> s.value != null || !s.below).toList();
        assertEquals(expectedDeletes, keys(in.deletesBelow()), "step " + step);
        assertEquals(keys(expectedValues), keys(in.values()), "step " + step);
        assertEquals(values(expectedValues), values(in.values()), "step " + step);
        in.values().forEach(s -> assertTrue(Arrays.equals(s.keyBytes, b((String) s.key))));
      }
    }
  }

  /** Records the writes that reach it, as {@code key=value}; a store below the cache stands in for nothing else. */
  private static final class RecordingStore implements KeyValueStore<Object, Object> {
    final List<String> written = new ArrayList<>();

    @Override
    public Object get(Object key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void put(Object key, Object value) {
      written.add(key + "=" + value);
    }

    @Override
    public void delete(Object key) {
      put(key, null);
    }

    @Override
    public KeyValueIterator<Object, Object> range(Object from, Object to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Object, Object> all() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void flush() {}
  }
}
