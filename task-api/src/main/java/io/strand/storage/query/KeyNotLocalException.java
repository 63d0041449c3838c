package io.strand.storage.query;

/**
 * The task that owns a key runs in a container outside this JVM: query that container (its
 * HTTP endpoint; {@code io.strand.container.query.http.QueryClient} finds it).
 *
 * <p>Threading: an immutable value.
 */
public class KeyNotLocalException extends StoreUnavailableException {
  private static final long serialVersionUID = 1L;
  /** The owning task's name. */
  private final String taskName;
  /** The container that runs the owning task. */
  private final String containerId;

  /**
   * Creates the exception.
   *
   * @param store the store
   * @param taskName the task that owns the key
   * @param containerId the container that runs the task in the job model
   */
  public KeyNotLocalException(String store, String taskName, String containerId) {
    super("the key of store '" + store + "' belongs to task '" + taskName + "' of container '" + containerId
        + "', which does not run in this JVM");
    this.taskName = taskName;
    this.containerId = containerId;
  }

  /**
   * The owning task.
   *
   * @return the task name
   */
  public String taskName() {
    return taskName;
  }

  /**
   * The container that runs the owning task.
   *
   * @return the container id
   */
  public String containerId() {
    return containerId;
  }
}
