package io.strand.container;

import io.strand.config.Config;
import io.strand.context.ContainerContext;
import io.strand.context.Context;
import io.strand.context.JobContext;
import io.strand.context.TaskContext;
import io.strand.context.TaskName;
import io.strand.metrics.MetricsRegistry;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contexts the container hands to {@code init}: plain immutable values.
 *
 * <p>Threading: immutable, safe from any thread.
 */
final class ContainerContexts {

  private ContainerContexts() {
  }

  /** The job's context. */
  record Job(Config getConfig, String getJobName, String getJobId) implements JobContext { }

  /**
   * The container's context.
   *
   * @param getContainerId the container id
   * @param getContainerMetricsRegistry the container's registry for the job's meters
   */
  record Container(String getContainerId, MetricsRegistry getContainerMetricsRegistry) implements ContainerContext { }

  /** Where a task's stores come from: the container's stores, or none. */
  @FunctionalInterface
  interface Stores {
    KeyValueStore<Object, Object> store(TaskName task, String name);
  }

  /**
   * The lookup of a container that opened no store: every name is unknown.
   *
   * @param configured the configured store names ({@code stores.<name>.factory}), for the message
   * @return the lookup, which throws IllegalArgumentException naming task, store and the
   *     configured stores
   */
  static Stores noStores(Set<String> configured) {
    List<String> names = List.copyOf(new TreeSet<>(configured));
    return (task, name) -> {
      throw new IllegalArgumentException("task '" + task + "' asked for store '" + name + "', but no store is"
          + " configured; configured stores (stores.<name>.factory): " + names);
    };
  }

  /**
   * One task's context.
   *
   * @param getTaskName the task
   * @param getSystemStreamPartitions its input partitions
   * @param stores the container's stores, restored before {@code init}
   * @param getTaskMetricsRegistry the task's registry for its own meters
   * @param startingOffsets the next offset to read of the container's input partitions
   */
  record Task(TaskName getTaskName, Set<SystemStreamPartition> getSystemStreamPartitions, Stores stores,
      MetricsRegistry getTaskMetricsRegistry, Map<SystemStreamPartition, Long> startingOffsets)
      implements TaskContext {

    Task {
      getSystemStreamPartitions = Set.copyOf(getSystemStreamPartitions);
    }

    @Override
    public OptionalLong getStartingOffset(SystemStreamPartition partition) {
      Long next = getSystemStreamPartitions.contains(partition) ? startingOffsets.get(partition) : null;
      return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends KeyValueStore<?, ?>> S getStore(String name) {
      return (S) stores.store(getTaskName, name);
    }
  }

  /** Everything a task gets at init. */
  record All(JobContext getJobContext, ContainerContext getContainerContext, TaskContext getTaskContext)
      implements Context { }
}
