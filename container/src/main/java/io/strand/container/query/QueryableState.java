package io.strand.container.query;

import io.strand.container.job.JobIdentity;
import io.strand.context.TaskName;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.ReadOnlyKeyValueStore;
import io.strand.storage.query.ReadOnlyWindowStore;
import io.strand.storage.query.WindowedValue;
import java.util.List;
import java.util.Objects;

/**
 * Read-only views of a running job's stores in this JVM, as Kafka Streams'
 * {@code KafkaStreams.store(StoreQueryParameters)}: a low-level task's store by its
 * {@code stores.<name>} name, a streams API aggregation's by its operator's store name. The views
 * are resolved at each call, so one taken before the job starts, or kept across a container's
 * restart, works whenever a container of the job with the store runs here; in between, calls
 * throw {@link io.strand.storage.query.StoreUnavailableException}. Keys and values are decoded
 * with the store's query serdes ({@link StoreFormat}); the casts to {@code K} and {@code V} are
 * the caller's promise. What a reader sees while tasks write: see {@code io.strand.storage.query}.
 *
 * <p>Threading: stateless; the views are thread-safe.
 */
public final class QueryableState {

  private QueryableState() {}

  /**
   * A key-value store's view.
   *
   * @param jobName {@code job.name}
   * @param jobId {@code job.id}
   * @param store the store name
   * @param <K> the key type
   * @param <V> the value type
   * @return the view
   */
  public static <K, V> ReadOnlyKeyValueStore<K, V> keyValueStore(String jobName, String jobId, String store) {
    JobIdentity job = new JobIdentity(jobName, jobId);
    Objects.requireNonNull(store, "store");
    return new ReadOnlyKeyValueStore<>() {
      @Override
      public V get(K key) {
        Objects.requireNonNull(key, "key");
        JobStores stores = LocalStores.of(job);
        StoreFormat format = stores.format(store);
        return stores.get(store, format.keySerde().toBytes(key)).map(f -> QueryableState.<V>value(format, f.value()))
            .orElse(null);
      }

      @Override
      public KeyValueIterator<K, V> range(K from, K to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        JobStores stores = LocalStores.of(job);
        StoreFormat format = stores.format(store);
        return typed(stores.iterate(store, format.keySerde().toBytes(from), format.keySerde().toBytes(to)), format);
      }

      @Override
      public KeyValueIterator<K, V> all() {
        JobStores stores = LocalStores.of(job);
        return typed(stores.iterate(store, null, null), stores.format(store));
      }
    };
  }

  /**
   * A window store's view.
   *
   * @param jobName {@code job.name}
   * @param jobId {@code job.id}
   * @param store the store name
   * @param <K> the key type
   * @param <V> the aggregate type
   * @return the view
   */
  public static <K, V> ReadOnlyWindowStore<K, V> windowStore(String jobName, String jobId, String store) {
    JobIdentity job = new JobIdentity(jobName, jobId);
    Objects.requireNonNull(store, "store");
    return new ReadOnlyWindowStore<>() {
      @Override
      public List<WindowedValue<K, V>> fetch(K key, long fromMs, long toMs) {
        Objects.requireNonNull(key, "key");
        JobStores stores = LocalStores.of(job);
        StoreFormat format = stores.format(store);
        return stores.fetch(store, format.keySerde().toBytes(key), fromMs, toMs).stream()
            .map(f -> QueryableState.<K, V>windowed(format, f)).toList();
      }

      @Override
      public List<WindowedValue<K, V>> fetchAll(long fromMs, long toMs) {
        JobStores stores = LocalStores.of(job);
        StoreFormat format = stores.format(store);
        return stores.fetchAll(store, fromMs, toMs, Integer.MAX_VALUE).stream()
            .map(f -> QueryableState.<K, V>windowed(format, f)).toList();
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <V> V value(StoreFormat format, byte[] bytes) {
    return (V) format.valueSerde().fromBytes(bytes);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> WindowedValue<K, V> windowed(StoreFormat format, JobStores.Found f) {
    return new WindowedValue<>((K) format.keySerde().fromBytes(f.key()), f.startMs(), f.endMs(),
        (V) format.valueSerde().fromBytes(f.value()));
  }

  private static <K, V> KeyValueIterator<K, V> typed(KeyValueIterator<TaskName, Entry<byte[], byte[]>> raw,
      StoreFormat format) {
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return raw.hasNext();
      }

      @Override
      @SuppressWarnings("unchecked")
      public Entry<K, V> next() {
        Entry<byte[], byte[]> e = raw.next().getValue();
        return new Entry<>((K) format.keySerde().fromBytes(e.getKey()), (V) format.valueSerde().fromBytes(e.getValue()));
      }

      @Override
      public void close() {
        raw.close();
      }
    };
  }
}
