package io.strand.container;

import io.strand.config.Config;
import io.strand.config.view.StorageConfig;
import io.strand.context.ContainerContext;
import io.strand.context.Context;
import io.strand.context.JobContext;
import io.strand.context.TaskContext;
import io.strand.storage.KeyValueStore;
import io.strand.system.SystemStreamPartition;
import io.strand.task.TaskName;
import java.util.Set;

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

  /** The container's context. */
  record Container(String getContainerId) implements ContainerContext { }

  /**
   * One task's context. Stores come with a later issue: until then {@link #getStore} always throws.
   *
   * @param getTaskName the task
   * @param getSystemStreamPartitions its input partitions
   * @param config the job config, to list configured stores in the error
   */
  record Task(TaskName getTaskName, Set<SystemStreamPartition> getSystemStreamPartitions, Config config)
      implements TaskContext {

    Task {
      getSystemStreamPartitions = Set.copyOf(getSystemStreamPartitions);
    }

    @Override
    public <K, V> KeyValueStore<K, V> getStore(String name) {
      throw new IllegalArgumentException("task '" + getTaskName + "' asked for store '" + name + "', but this"
          + " container runs no stores yet; configured stores (stores.<name>.factory): "
          + new StorageConfig(config).getStoreNames());
    }
  }

  /** Everything a task gets at init. */
  record All(JobContext getJobContext, ContainerContext getContainerContext, TaskContext getTaskContext)
      implements Context { }
}
