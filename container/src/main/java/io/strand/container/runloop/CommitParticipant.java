package io.strand.container.runloop;

import io.strand.container.TaskName;
import java.util.Map;
import java.util.Set;

/**
 * Something that takes part in every commit in two phases around the producer flush: the hook
 * where the container's stores join the commit. {@link #flush()} runs first and hands buffered
 * writes (store caches) to the producers, so the producer flush that follows covers them;
 * {@link #afterFlush()} runs once that flush returned with every acknowledgement, and returns the
 * changelog offsets the checkpoints then carry. Both see only the tasks being committed: a
 * commit of one task (its end of input, or its own commit request) leaves the others' buffers alone. Both run on the run loop thread, with no message
 * in flight.
 */
public interface CommitParticipant {

  /**
   * A name for logs and errors, for example the store name.
   *
   * @return the name
   */
  String name();

  /**
   * Phase 1: hands the committing tasks' buffered writes to their producer.
   *
   * @param tasks the tasks being committed
   * @throws RuntimeException if it cannot; the commit fails and nothing is checkpointed
   */
  void flush(Set<TaskName> tasks);

  /**
   * Phase 2, after every producer send so far was acknowledged: makes local state durable and
   * says which changelog offsets each task's state now matches.
   *
   * @param tasks the tasks being committed (those given to {@link #flush} just before)
   * @param finalCommit true for the tasks' last commit (clean stop, end of input)
   * @return per committing task, per store, the changelog offset to put into the task's
   *     checkpoint; tasks or stores without one are absent
   * @throws RuntimeException if it cannot; the commit fails and nothing is checkpointed
   */
  default Map<TaskName, Map<String, Long>> afterFlush(Set<TaskName> tasks, boolean finalCommit) {
    return Map.of();
  }
}
