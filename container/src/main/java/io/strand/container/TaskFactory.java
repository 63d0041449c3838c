package io.strand.container;

import io.strand.config.Config;
import io.strand.config.view.TaskConfig;
import io.strand.task.AsyncStreamTask;
import io.strand.task.StreamTask;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes task instances from {@code task.class} and its public no-argument constructor, one per
 * task name, as Samza does.
 *
 * <p>Threading: immutable after construction; {@link #newTask()} may be called from any thread.
 */
final class TaskFactory {

  private final Constructor<?> constructor;
  private final String className;

  /**
   * Loads and checks the task class.
   *
   * @param config the job config
   * @throws io.strand.config.ConfigException naming {@code task.class} if the class is missing, is
   *     neither a StreamTask nor an AsyncStreamTask, is both, or has no public no-arg constructor
   */
  TaskFactory(Config config) {
    className = new TaskConfig(config).getTaskClass();
    Class<?> cls;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      cls = Class.forName(className, false, loader != null ? loader : TaskFactory.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw config.problem(TaskConfig.TASK_CLASS, "task class " + className + " cannot be loaded: " + e);
    }
    boolean sync = StreamTask.class.isAssignableFrom(cls);
    boolean async = AsyncStreamTask.class.isAssignableFrom(cls);
    if (sync == async) {
      throw config.problem(TaskConfig.TASK_CLASS, className + " must implement exactly one of "
          + StreamTask.class.getName() + " and " + AsyncStreamTask.class.getName());
    }
    try {
      constructor = cls.getConstructor();
    } catch (NoSuchMethodException e) {
      throw config.problem(TaskConfig.TASK_CLASS, className + " needs a public no-argument constructor");
    }
  }

  /**
   * A new task instance.
   *
   * @return the instance
   * @throws ContainerFailedException if the constructor throws or the class cannot be instantiated
   */
  Object newTask() {
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new ContainerFailedException("constructor of task class " + className + " failed: " + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ContainerFailedException("task class " + className + " cannot be instantiated: " + e, e);
    }
  }
}
