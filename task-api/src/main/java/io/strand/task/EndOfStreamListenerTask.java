package io.strand.task;

/**
 * A task told when its bounded input is used up, as Samza's {@code EndOfStreamListenerTask}.
 *
 * <p>{@code onEndOfStream} is called once, on the container's thread, when every input partition
 * of the task has reached its end of stream. Input read from Kafka topics is unbounded and never
 * ends unless the system marks it bounded.
 */
public interface EndOfStreamListenerTask {

  /**
   * Called once when all of the task's input has ended; a typical task sends its final results
   * and calls {@code coordinator.shutdown(RequestScope.CURRENT_TASK)}.
   *
   * @param collector where to send output; valid only during this call
   * @param coordinator to ask for a commit or a shutdown; valid only during this call
   * @throws Exception anything; it fails the container as an exception from {@code process} would
   */
  void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) throws Exception;
}
