package io.strand.storage.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The batch defaults must keep the single-key rules: null value deletes, later entries win, absent keys are left out. */
class KeyValueStoreDefaultsTest {

  /** Just enough of a store to exercise the interface's default methods. */
  private static final class MapStore implements KeyValueStore<String, Integer> {
    final TreeMap<String, Integer> map = new TreeMap<>();

    @Override
    public Integer get(String key) {
      return map.get(checked(key));
    }

    @Override
    public void put(String key, Integer value) {
      if (value == null) {
        delete(key);
      } else {
        map.put(checked(key), value);
      }
    }

    @Override
    public void delete(String key) {
      map.remove(checked(key));
    }

    @Override
    public KeyValueIterator<String, Integer> range(String from, String to) {
      return iterator(map.subMap(from, to).entrySet().iterator());
    }

    @Override
    public KeyValueIterator<String, Integer> all() {
      return iterator(map.entrySet().iterator());
    }

    @Override
    public void flush() {
    }

    private static String checked(String key) {
      if (key == null) {
        throw new IllegalArgumentException("null key");
      }
      return key;
    }

    private static KeyValueIterator<String, Integer> iterator(Iterator<Map.Entry<String, Integer>> it) {
      List<Entry<String, Integer>> copy = new ArrayList<>();
      it.forEachRemaining(e -> copy.add(new Entry<>(e.getKey(), e.getValue())));
      Iterator<Entry<String, Integer>> over = copy.iterator();
      return new KeyValueIterator<>() {
        @Override
        public boolean hasNext() {
          return over.hasNext();
        }

        @Override
        public Entry<String, Integer> next() {
          return over.next();
        }

        @Override
        public void close() {
        }
      };
    }
  }

  @Test
  void putAllAppliesInOrderAndNullValuesDelete() {
    MapStore store = new MapStore();
    store.put("gone", 9);
    store.putAll(List.of(new Entry<>("a", 1), new Entry<>("a", 2), new Entry<>("gone", null)));
    assertEquals(Map.of("a", 2), store.map);
  }

  @Test
  void getAllLeavesOutAbsentKeys() {
    MapStore store = new MapStore();
    store.putAll(List.of(new Entry<>("a", 1), new Entry<>("b", 2)));
    assertEquals(Map.of("a", 1, "b", 2), store.getAll(List.of("a", "b", "missing", "a")));
  }

  @Test
  void deleteAllRemovesEachKey() {
    MapStore store = new MapStore();
    store.putAll(List.of(new Entry<>("a", 1), new Entry<>("b", 2), new Entry<>("c", 3)));
    store.deleteAll(List.of("a", "c", "never-there"));
    try (KeyValueIterator<String, Integer> it = store.all()) {
      assertEquals("b", it.next().getKey());
      assertEquals(false, it.hasNext());
    }
  }

  @Test
  void nullKeysAndNullListsAreIllegalArguments() {
    MapStore store = new MapStore();
    assertThrows(IllegalArgumentException.class, () -> new Entry<>(null, 1));
    assertThrows(IllegalArgumentException.class, () -> store.getAll(null));
    assertThrows(IllegalArgumentException.class, () -> store.putAll(null));
    assertThrows(IllegalArgumentException.class, () -> store.putAll(Arrays.asList((Entry<String, Integer>) null)));
    assertThrows(IllegalArgumentException.class, () -> store.deleteAll(Arrays.asList("a", null)));
    assertNull(store.get("a"));
  }
}
