package io.strand.context;

/**
 * Everything a task is given at {@code init}, as Samza's {@code Context}: the job's, the
 * container's and the task's own context. Implemented by the container; may be kept and used
 * for the task's whole life, from the task's thread.
 */
public interface Context {

  /**
   * The job-wide context.
   *
   * @return the job context
   */
  JobContext getJobContext();

  /**
   * The context of the container the task runs in.
   *
   * @return the container context
   */
  ContainerContext getContainerContext();

  /**
   * The context of this task.
   *
   * @return the task context
   */
  TaskContext getTaskContext();
}
