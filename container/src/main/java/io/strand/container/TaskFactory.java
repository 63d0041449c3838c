package io.strand.container;

import io.strand.config.Config;
import io.strand.config.view.TaskConfig;
import io.strand.container.errors.ContainerFailedException;
import io.strand.task.AsyncStreamTask;
import io.strand.task.StreamTask;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes task instances from {@code task.class} and its public no-argument constructor, one per
 * task name, as Samza does. The class is loaded and checked once, when the container reads its
 * settings ({@link #fromConfig}); the factory keeps only its constructor.
 *
 * <p>Threading: immutable; {@link #newTask()} may be called from any thread.
 */
final class TaskFactory {

  private final Constructor<?> constructor;
  private final String className;

  private TaskFactory(Constructor<?> constructor, String className) {
    this.constructor = constructor;
    this.className = className;
  }

  /**
   * Loads and checks the class {@code task.class} names, through the thread's context class
   * loader.
   *
   * @param config the job config
   * @return the factory of that class's instances
   * @throws io.strand.config.ConfigException naming {@code task.class} if the class is missing, is
   *     neither a StreamTask nor an AsyncStreamTask, is both, or has no public no-arg constructor
   */
  static TaskFactory fromConfig(Config config) {
    String className = new TaskConfig(config).getTaskClass();
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
      return new TaskFactory(cls.getConstructor(), className);
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
