package io.strand.changelog;

import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The expected contents of one store instance: every write applied to the store is applied here
 * too and remembered in order, so that, with no object cache, write number i is changelog offset
 * (first offset + i).
 */
final class Model {

  private final List<String[]> writes = new ArrayList<>();
  private final Map<String, String> state = new TreeMap<>();

  void put(KeyValueStore<String, String> store, String key, String value) {
    store.put(key, value);
    state.put(key, value);
    writes.add(new String[] {key, value});
  }

  void delete(KeyValueStore<String, String> store, String key) {
    store.delete(key);
    state.remove(key);
    writes.add(new String[] {key, null});
  }

  /** A deterministic mix of new keys, overwrites and deletes over {@code keys} keys. */
  void churn(KeyValueStore<String, String> store, String prefix, int count, int keys) {
    for (int i = 0; i < count; i++) {
      String key = prefix + (i * 7919 % keys);
      if (i % 11 == 5) {
        delete(store, key);
      } else {
        put(store, key, "v" + i + "-" + "x".repeat(i % 40));
      }
    }
  }

  Map<String, String> state() {
    return new TreeMap<>(state);
  }

  int writes() {
    return writes.size();
  }

  /** The state the writes from index {@code from} on produce by themselves. */
  Map<String, String> foldFrom(int from) {
    Map<String, String> out = new TreeMap<>();
    for (String[] w : writes.subList(from, writes.size())) {
      if (w[1] == null) {
        out.remove(w[0]);
      } else {
        out.put(w[0], w[1]);
      }
    }
    return out;
  }
}
