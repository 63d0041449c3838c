package io.strand.storage.query;

/**
 * One window's value in a window store.
 *
 * @param key the key
 * @param startMs the window's start, epoch ms, inclusive
 * @param endMs the window's end, epoch ms, exclusive
 * @param value the aggregate
 * @param <K> the key type
 * @param <V> the value type
 */
public record WindowedValue<K, V>(K key, long startMs, long endMs, V value) {
}
