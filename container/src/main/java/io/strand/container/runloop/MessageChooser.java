package io.strand.container.runloop;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Picks the next input partition to take a message from, as Samza's tiered chooser: among
 * partitions with buffered data whose task can take a message now, the highest
 * {@code samza.priority} wins (bootstrap streams are implicitly highest); within one priority,
 * round robin, one message per turn.
 *
 * <p>Each priority level is a queue of ready partitions; a chosen partition goes to the back of
 * its queue after its message is dispatched, so choosing costs a queue rotation and no
 * allocation. Partitions whose task cannot take a message (busy, bootstrapping a different
 * stream, voted to stop) are rotated past.
 *
 * <p>Threading: run loop thread only.
 */
final class MessageChooser {

  private final int[] priorities; // descending
  private final ArrayDeque<TaskInput>[] levels;

  /**
   * Creates a chooser for the given partitions' priorities.
   *
   * @param inputs every task input of the container
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  MessageChooser(Iterable<TaskInput> inputs) {
    int[] ps = new int[0];
    for (TaskInput in : inputs) {
      int p = in.priority;
      if (Arrays.stream(ps).noneMatch(x -> x == p)) {
        ps = Arrays.copyOf(ps, ps.length + 1);
        ps[ps.length - 1] = p;
      }
    }
    Arrays.sort(ps);
    priorities = new int[ps.length];
    for (int i = 0; i < ps.length; i++) {
      priorities[i] = ps[ps.length - 1 - i];
    }
    levels = new ArrayDeque[priorities.length];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = new ArrayDeque<>();
    }
  }

  /**
   * Offers a partition that has buffered data; no-op if it is already queued.
   *
   * @param in the partition
   */
  void offer(TaskInput in) {
    if (in.enqueue()) {
      levels[level(in.priority)].addLast(in);
    }
  }

  /**
   * Takes the next partition to dispatch from; the caller must {@link #offer} it again if it still
   * has data after the dispatch.
   *
   * @return the partition, or null if no partition with data can be dispatched to now
   */
  TaskInput choose() {
    for (ArrayDeque<TaskInput> q : levels) {
      for (int n = q.size(); n > 0; n--) {
        TaskInput in = q.pollFirst();
        if (!in.hasBuffered()) {
          in.dequeue();
          continue;
        }
        if (in.task.accepts(in)) {
          in.dequeue();
          return in;
        }
        q.addLast(in);
      }
    }
    return null;
  }

  /**
   * How many distinct priorities the inputs have.
   *
   * @return at least 1 when there are inputs
   */
  int levels() {
    return levels.length;
  }

  private int level(int priority) {
    for (int i = 0; i < priorities.length; i++) {
      if (priorities[i] == priority) {
        return i;
      }
    }
    throw new IllegalArgumentException("priority " + priority + " was not known when the chooser was built");
  }
}
