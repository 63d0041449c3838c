package io.strand.samples.flights;

import io.strand.storage.kv.KeyValueStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Looks airports up in the task's {@code airports} store (filled from the bootstrap stream), for
 * enrichment. A code missing from the table comes back as {@link Airport#UNKNOWN}: the table is a
 * reference, not a guarantee.
 *
 * <p>Lookups are memoized in memory, misses included, because every output record needs one and
 * the table is tiny; a write through {@link #put} keeps the memo in step.
 *
 * <p>Threading: not thread-safe; used from its task's thread.
 */
public final class AirportDirectory {

  private final KeyValueStore<String, Airport> store;
  private final Map<String, Airport> memo = new HashMap<>();

  /**
   * Wraps the store.
   *
   * @param store airports by IATA code
   */
  public AirportDirectory(KeyValueStore<String, Airport> store) {
    this.store = store;
  }

  /**
   * Stores or removes one airport, from a bootstrap record.
   *
   * @param code IATA code
   * @param airport the row, or null to remove it (a tombstone)
   */
  public void put(String code, Airport airport) {
    if (airport == null) {
      store.delete(code);
    } else {
      store.put(code, airport);
    }
    memo.remove(code);
  }

  /**
   * The airport with a code.
   *
   * @param code IATA code, may be null
   * @return its row, or {@link Airport#UNKNOWN}
   */
  public Airport lookup(String code) {
    if (code == null) {
      return Airport.UNKNOWN;
    }
    Airport found = memo.get(code);
    if (found == null) {
      Airport stored = store.get(code);
      found = stored == null ? Airport.UNKNOWN : stored;
      memo.put(code, found);
    }
    return found;
  }
}
