package io.strand.task;

/**
 * A task that is also called on a timer, as Samza's {@code WindowableTask}: to emit aggregates,
 * expire state or flush buffers.
 *
 * <p>{@code window} is called every {@code task.window.ms} (wall clock, ms; -1, the default,
 * turns it off) between messages, on the same thread as {@code process}, so it needs no locking
 * against it. For an {@link AsyncStreamTask} it runs only when no message is in flight.
 */
public interface WindowableTask {

  /**
   * Called once per window period.
   *
   * @param collector where to send output; valid only during this call
   * @param coordinator to ask for a commit or a shutdown; valid only during this call
   * @throws Exception anything; it fails the container as an exception from {@code process} would
   */
  void window(MessageCollector collector, TaskCoordinator coordinator) throws Exception;
}
