package io.strand.task;

/**
 * Makes the task instances of a job declared with a {@code TaskApplication}, as Samza's
 * {@code TaskFactory}: the application hands one to
 * {@link io.strand.application.descriptors.TaskApplicationDescriptor#withTaskFactory}, and each
 * container calls {@link #createInstance()} once per task it runs. Implement
 * {@link StreamTaskFactory} or {@link AsyncStreamTaskFactory}, usually as a lambda:
 * {@code (StreamTaskFactory) () -> new MyTask()}.
 *
 * <p>Where it comes from: each container runs the application's {@code describe} again when it
 * starts and takes the factory from there, so the factory need not be serializable and may
 * capture anything {@code describe} computed.
 *
 * <p>Threading: called from the container's start-up thread, one task at a time.
 *
 * @param <T> {@link StreamTask} or {@link AsyncStreamTask}
 */
@FunctionalInterface
public interface TaskFactory<T> {

  /**
   * A new task instance, one per task name; never shared between tasks.
   *
   * @return the instance, not null
   */
  T createInstance();
}
