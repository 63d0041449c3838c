package io.strand.container.runloop;

import io.strand.container.TaskName;
import java.util.Map;
import java.util.Set;

/**
 * Something that takes part in every commit in three steps around the producers' acknowledgements:
 * the hook where the container's stores join the commit. {@link #flush} runs first and hands
 * buffered writes (store caches) to the producers, so the acknowledgements the commit waits for
 * cover them; {@link #barrier} runs right after, at the commit's barrier, and fixes what the
 * commit will name (taking local snapshots that are due); its {@link Pending#afterFlush()} runs
 * once every producer send made before the barrier was acknowledged, and returns the changelog
 * offsets the checkpoints then carry. All see only the tasks being committed: a commit of one task
 * (its end of input, or its own commit request) leaves the others' buffers alone.
 *
 * <p>Threading: {@link #flush} and {@link #barrier} on the run loop thread, with no message in
 * flight; {@link Pending#offBarrier()} and {@link Pending#afterFlush()} on the commit's thread (the run loop's, or the committer's
 * while the run loop processes on), once per barrier and before the next {@link #flush}.
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
   * Buffered writes {@link #flush} would hand to the producers now, over every task; for pacing
   * {@link #writeAhead}. On the run loop thread.
   *
   * @return the buffered writes (store cache entries); 0 by default
   */
  default int buffered() {
    return 0;
  }

  /**
   * Before phase 1, as a commit nears: hands up to {@code max} of the oldest buffered writes of any
   * task to the producers, as the buffers' own evictions would, so the commit's {@link #flush}
   * finds fewer. Writes handed over ahead belong to whichever commit's barrier follows them, as
   * any write does. On the run loop thread with no message in flight (a task on a thread pool
   * may be writing its stores otherwise); only when commits overlap processing (at-least-once).
   *
   * @param max the most writes to hand over
   * @return the writes handed over; 0 by default
   * @throws RuntimeException if it cannot; the container fails
   */
  default int writeAhead(int max) {
    return 0;
  }

  /**
   * Phase 2, the barrier, right after {@link #flush}: fixes the state the commit covers (nothing
   * processed after this call belongs to it), for example by taking a local snapshot.
   *
   * @param tasks the tasks being committed (those given to {@link #flush} just before)
   * @param finalCommit true for the tasks' last commit (clean stop, end of input)
   * @return the step left for when the barrier's sends are acknowledged
   * @throws RuntimeException if it cannot; the commit fails and nothing is checkpointed
   */
  default Pending barrier(Set<TaskName> tasks, boolean finalCommit) {
    return Map::of;
  }

  /** The part of a participant's commit that needs the barrier's sends acknowledged. */
  interface Pending {

    /**
     * Phase 2b, on the commit's thread right after the barrier and before the producers' flush
     * (the committer's thread while the run loop processes on): the barrier's slow local work, such
     * as the local snapshots it found due. It must capture the state at the barrier whatever the
     * run loop does meanwhile (the stores hold their engine writes back until it is done).
     *
     * @throws RuntimeException if it cannot; the commit fails and nothing is checkpointed
     */
    default void offBarrier() {
    }

    /**
     * Phase 3, after every producer send made before the barrier was acknowledged: makes local
     * state durable and says which changelog offsets each task's state matched at the barrier.
     *
     * @return per committing task, per store, the changelog offset to put into the task's
     *     checkpoint; tasks or stores without one are absent
     * @throws RuntimeException if it cannot; the commit fails and nothing is checkpointed
     */
    Map<TaskName, Map<String, Long>> afterFlush();

    /** Called instead of {@link #afterFlush()} when the commit failed before it; never throws. */
    default void abandon() {
    }
  }
}
