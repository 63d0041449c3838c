package io.strand.container.assembly;

import io.strand.config.Config;
import io.strand.config.view.TaskConfig;
import io.strand.config.application.ApplicationLoader;
import io.strand.config.application.DescribedApplication;
import io.strand.container.errors.ContainerFailedException;
import io.strand.task.AsyncStreamTask;
import io.strand.task.StreamTask;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes task instances, one per task name, as Samza does: from {@code task.class} and its public
 * no-argument constructor, or, when {@code app.class} names an application, from the
 * {@link io.strand.task.TaskFactory} its {@code describe} gives (run again here, once per
 * container start, since a factory cannot travel in configuration). The class or application is
 * loaded and checked once, when the container reads its settings ({@link #fromConfig}).
 *
 * <p>Threading: immutable; {@link #newTask()} may be called from any thread.
 */
final class TaskFactory {

  private final Supplier<Object> tasks;

  private TaskFactory(Supplier<Object> tasks) {
    this.tasks = tasks;
  }

  /**
   * Loads and checks the class {@code task.class} names, through the thread's context class
   * loader.
   *
   * @param config the job config
   * @return the factory of that class's instances
   * @throws io.strand.config.ConfigException naming {@code task.class} if the class is missing, is
   *     neither a StreamTask nor an AsyncStreamTask, is both, or has no public no-arg constructor;
   *     naming {@code app.class} if the application cannot be described (see
   *     {@link ApplicationLoader#describe})
   */
  static TaskFactory fromConfig(Config config) {
    Optional<DescribedApplication> application = ApplicationLoader.describe(config);
    if (application.isPresent()) {
      return fromApplication(config, application.get().taskFactory());
    }
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
      Constructor<?> constructor = cls.getConstructor();
      return new TaskFactory(() -> construct(constructor, className));
    } catch (NoSuchMethodException e) {
      throw config.problem(TaskConfig.TASK_CLASS, className + " needs a public no-argument constructor");
    }
  }

  /**
   * A new task instance.
   *
   * @return the instance
   * @throws ContainerFailedException if the constructor or the application's factory throws, the
   *     class cannot be instantiated, or the factory makes something other than one task
   */
  Object newTask() {
    return tasks.get();
  }

  private static TaskFactory fromApplication(Config config, io.strand.task.TaskFactory<?> factory) {
    String application = config.get(ApplicationLoader.APP_CLASS).orElse("").trim();
    return new TaskFactory(() -> {
      Object task;
      try {
        task = factory.createInstance();
      } catch (RuntimeException e) {
        throw new ContainerFailedException("task factory of " + application + " failed: " + e, e);
      }
      boolean sync = task instanceof StreamTask;
      if (task == null || sync == task instanceof AsyncStreamTask) {
        throw new ContainerFailedException("task factory of " + application + " made "
            + (task == null ? "null" : task.getClass().getName()) + "; expected an instance of exactly one of "
            + StreamTask.class.getName() + " and " + AsyncStreamTask.class.getName());
      }
      return task;
    });
  }

  private static Object construct(Constructor<?> constructor, String className) {
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
