package io.strand.context;

import io.strand.storage.kv.KeyValueStore;
import io.strand.system.SystemStreamPartition;
import java.util.Set;

/**
 * What belongs to one task, as Samza's {@code TaskContext}: its name, its input partitions and its
 * stores. Implemented by the container; use it from the task's own thread.
 */
public interface TaskContext {

  /**
   * This task's name.
   *
   * @return the name, for example {@code Partition 0}
   */
  TaskName getTaskName();

  /**
   * The input partitions assigned to this task, broadcast inputs included.
   *
   * @return an immutable set
   */
  Set<SystemStreamPartition> getSystemStreamPartitions();

  /**
   * This task's instance of a store configured under {@code stores.<name>.*}. Each task has its
   * own instance (its own partition of the store's state); the store is restored before
   * {@code init} is called and stays open until after {@code close}.
   *
   * @param name the store name, as in {@code stores.<name>.factory}
   * @param <K> the key type, as produced by {@code stores.<name>.key.serde}
   * @param <V> the value type, as produced by {@code stores.<name>.msg.serde}
   * @return the store; the same instance on every call
   * @throws IllegalArgumentException if no store of that name is configured; the message names it
   *     and lists the configured ones
   */
  <K, V> KeyValueStore<K, V> getStore(String name);
}
