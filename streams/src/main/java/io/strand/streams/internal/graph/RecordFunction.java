package io.strand.streams.internal.graph;

/**
 * A stateless operator's work on one record: emits zero or more records (filter, map, flatMap,
 * peek, branch and merge all compile to one).
 */
@FunctionalInterface
public interface RecordFunction {

  /** Receives what the function emits. */
  @FunctionalInterface
  interface Emitter {
    /**
     * Emits a record with the input's event time.
     *
     * @param key the key
     * @param value the value
     */
    void emit(Object key, Object value);
  }

  /**
   * Applies the function.
   *
   * @param key the input key
   * @param value the input value
   * @param out where to emit
   */
  void apply(Object key, Object value, Emitter out);
}
