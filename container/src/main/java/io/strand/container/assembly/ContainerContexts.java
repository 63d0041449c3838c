package io.strand.container.assembly;

import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.context.ContainerContext;
import io.strand.context.Context;
import io.strand.context.JobContext;
import io.strand.context.TaskContext;
import io.strand.job.model.ContainerModel;
import io.strand.job.model.TaskModel;
import io.strand.metrics.MetricsRegistry;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
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
   * @param getContainerModel the container's id and its tasks' models
   * @param getContainerMetricsRegistry the container's registry for the job's meters
   */
  record Container(ContainerModel getContainerModel, MetricsRegistry getContainerMetricsRegistry)
      implements ContainerContext { }

  /**
   * The job model of one container as its tasks see it (Samza's {@code job.model} types).
   *
   * @param model the container's part of the job model
   * @return its id and its tasks' names, input partitions and changelog partitions
   */
  static ContainerModel taskFacingModel(io.strand.container.model.ContainerModel model) {
    Map<TaskName, TaskModel> tasks = new TreeMap<>();
    for (io.strand.container.model.TaskModel t : model.tasks()) {
      tasks.put(t.taskName(), new TaskModel(t.taskName(), Set.copyOf(t.inputs()), t.changelogPartition()));
    }
    return new ContainerModel(model.id(), tasks);
  }

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

  /** Where a task's lag on its input partitions comes from (the run loop's, once its inputs are added). */
  @FunctionalInterface
  interface Lags {
    OptionalLong lag(TaskName task, SystemStreamPartition partition);
  }

  /**
   * One task's context.
   *
   * @param getTaskModel the task's name, input partitions and changelog partition
   * @param stores the container's stores, restored before {@code init}
   * @param getTaskMetricsRegistry the task's registry for its own meters
   * @param startingOffsets the next offset to read of the container's input partitions
   * @param lags the task's lag per input partition
   */
  record Task(TaskModel getTaskModel, Stores stores, MetricsRegistry getTaskMetricsRegistry,
      Map<SystemStreamPartition, Long> startingOffsets, Lags lags) implements TaskContext {

    @Override
    public OptionalLong getLag(SystemStreamPartition partition) {
      return lags.lag(getTaskModel.getTaskName(), partition);
    }

    @Override
    public OptionalLong getStartingOffset(SystemStreamPartition partition) {
      Long next = getTaskModel.getSystemStreamPartitions().contains(partition) ? startingOffsets.get(partition) : null;
      return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends KeyValueStore<?, ?>> S getStore(String name) {
      return (S) stores.store(getTaskModel.getTaskName(), name);
    }
  }

  /** Everything a task gets at init. */
  record All(JobContext getJobContext, ContainerContext getContainerContext, TaskContext getTaskContext)
      implements Context { }
}
