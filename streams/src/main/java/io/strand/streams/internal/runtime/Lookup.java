package io.strand.streams.internal.runtime;

import io.strand.serializers.Serde;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.internal.graph.TableView;

/**
 * A task's lookup of a key in a table, opened from a {@link TableView}: a stored table reads its
 * store, a derived one computes from the lookups it derives from (Kafka Streams' value getters).
 *
 * <p>Threading: the task's thread only.
 */
@FunctionalInterface
interface Lookup {

  /**
   * The table's value of a key.
   *
   * @param key the key, or null
   * @return the value, or null when the table lacks the key (always for a null key)
   */
  Object get(Object key);

  /**
   * Opens a view in one task.
   *
   * @param view the view
   * @param env the task's environment, whose stores are open
   * @return the lookup
   */
  static Lookup open(TableView view, TaskEnv env) {
    if (view instanceof TableView.Stored s) {
      return new Stored(env.context.getStore(s.store()), env.keySerde(s.keySerde(), s.store()),
          env.valueSerde(s.valueSerde(), s.store()));
    }
    if (view instanceof TableView.Mapped m) {
      Lookup parent = open(m.parent(), env);
      return key -> {
        Object value = parent.get(key);
        return value == null ? null : m.function().apply(key, value);
      };
    }
    TableView.Joined j = (TableView.Joined) view;
    Lookup left = open(j.left(), env);
    Lookup right = open(j.right(), env);
    return key -> key == null ? null : j.join(left.get(key), right.get(key));
  }

  /**
   * A stored table's lookup: the key serialized with the table's key serde, the store's bytes
   * deserialized with its value serde (each probe gets its own value object, as Kafka Streams'
   * table lookups do, so a joiner that changes it cannot change the table). A class of its own
   * rather than a lambda so a join operator's call site sees one concrete receiver it can inline.
   *
   * @param store the table's store (its object cache in front of RocksDB)
   * @param keys the table's key serde
   * @param values the table's value serde
   */
  record Stored(KeyValueStore<byte[], byte[]> store, Serde<Object> keys, Serde<Object> values) implements Lookup {

    @Override
    public Object get(Object key) {
      if (key == null) {
        return null;
      }
      byte[] bytes = store.get(keys.toBytes(key));
      return bytes == null ? null : values.fromBytes(bytes);
    }
  }
}
