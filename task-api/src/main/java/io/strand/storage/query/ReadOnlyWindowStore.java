package io.strand.storage.query;

import java.util.List;

/**
 * A read-only view of a named window store (a streams API windowed aggregation) across the tasks
 * of a running job, as Kafka Streams' {@code ReadOnlyWindowStore}. A window store holds the
 * windows still open (a window's aggregate is deleted when it fires), so fetches see the
 * aggregates of windows not yet closed by the watermark. See the
 * {@linkplain io.strand.storage.query package} for what a reader sees while the tasks write.
 *
 * <p>Threading: safe from any thread.
 *
 * @param <K> the key type
 * @param <V> the aggregate type
 */
public interface ReadOnlyWindowStore<K, V> {

  /**
   * The windows of a key whose start lies in {@code [fromMs, toMs]}, from the task that owns the
   * key (see {@link ReadOnlyKeyValueStore#get}), ordered by start time.
   *
   * @param key the key, not null
   * @param fromMs the earliest window start, epoch ms, inclusive
   * @param toMs the latest window start, epoch ms, inclusive
   * @return the windows, possibly none
   * @throws KeyNotLocalException if the owning task runs outside this JVM
   * @throws StoreUnavailableException if the store is not served here
   */
  List<WindowedValue<K, V>> fetch(K key, long fromMs, long toMs);

  /**
   * Every window, of every key in every task of this JVM, whose start lies in
   * {@code [fromMs, toMs]}: ordered by serialized key, then start, within a task.
   *
   * @param fromMs the earliest window start, epoch ms, inclusive
   * @param toMs the latest window start, epoch ms, inclusive
   * @return the windows
   * @throws StoreUnavailableException if the store is not served here
   */
  List<WindowedValue<K, V>> fetchAll(long fromMs, long toMs);
}
