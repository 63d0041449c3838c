package io.strand.config.application;

import io.strand.serializers.Serde;
import io.strand.task.TaskFactory;
import java.util.Map;
import java.util.Optional;

/**
 * What an application's {@code describe} produced: the keys its descriptors stand for, the task
 * factory the container makes tasks with, and the serde instances it named.
 *
 * <p>Threading: immutable once built; the task factory is called from one thread at a time.
 */
public interface DescribedApplication {

  /**
   * The keys the descriptors stand for, as a properties file would hold them.
   *
   * @return full key to value
   */
  Map<String, String> config();

  /**
   * The factory of the job's tasks.
   *
   * @return the factory given to {@code withTaskFactory}
   */
  TaskFactory<?> taskFactory();

  /**
   * A serde instance the descriptors registered under a name in {@link #config()} (see
   * {@link DescribedSerdeFactory}).
   *
   * @param name the registry name
   * @return the serde, or empty when no descriptor registered that name
   */
  Optional<Serde<?>> serde(String name);
}
