package io.strand.container.runloop;

/**
 * The messages of one input partition that were handed to a task but have not all completed, in
 * dispatch (so offset) order, and the contiguous completed prefix: the offset that may be
 * checkpointed is the last one such that it and every earlier dispatched message have completed,
 * as Samza's async run loop requires.
 *
 * <p>A ring buffer that starts at the task's {@code task.max.concurrency} and doubles when
 * completed messages pile up behind a slow one (rare, so steady state does not allocate).
 * Threading: run loop thread only.
 */
final class InFlightOffsets {

  private long[] offsets;
  private long[] startNanos;
  private boolean[] done;
  private int head;
  private int size;

  /**
   * Creates one.
   *
   * @param capacity the initial capacity, normally the most messages in flight at once
   */
  InFlightOffsets(int capacity) {
    offsets = new long[capacity];
    startNanos = new long[capacity];
    done = new boolean[capacity];
  }

  /**
   * Records a dispatched message.
   *
   * @param offset its offset, greater than every offset added before
   * @param nowNanos when it was dispatched ({@link System#nanoTime()})
   * @param completed true for a message that is complete at once (skipped as bad input)
   */
  void add(long offset, long nowNanos, boolean completed) {
    if (size == offsets.length) {
      grow();
    }
    int i = (head + size) % offsets.length;
    offsets[i] = offset;
    startNanos[i] = nowNanos;
    done[i] = completed;
    size++;
  }

  /**
   * Marks a message complete and pops the completed prefix.
   *
   * @param offset the message's offset
   * @return the last offset of the completed prefix popped by this call, or -1 if the prefix did
   *     not move (an earlier message is still in flight)
   * @throws IllegalStateException if the offset is not in flight
   */
  long complete(long offset) {
    int i = indexOf(offset);
    done[i] = true;
    return popCompleted();
  }

  /**
   * Pops completed messages at the head.
   *
   * @return the last popped offset, or -1 if none was popped
   */
  long popCompleted() {
    long last = -1;
    while (size > 0 && done[head]) {
      last = offsets[head];
      head = (head + 1) % offsets.length;
      size--;
    }
    return last;
  }

  private void grow() {
    int n = offsets.length * 2;
    long[] o = new long[n];
    long[] t = new long[n];
    boolean[] d = new boolean[n];
    for (int k = 0; k < size; k++) {
      int i = (head + k) % offsets.length;
      o[k] = offsets[i];
      t[k] = startNanos[i];
      d[k] = done[i];
    }
    offsets = o;
    startNanos = t;
    done = d;
    head = 0;
  }

  private int indexOf(long offset) {
    for (int n = 0; n < size; n++) {
      int i = (head + n) % offsets.length;
      if (offsets[i] == offset) {
        return i;
      }
    }
    throw new IllegalStateException("offset " + offset + " is not in flight");
  }

  /**
   * Whether anything is in flight (or completed but behind an unfinished one).
   *
   * @return true when empty
   */
  boolean isEmpty() {
    return size == 0;
  }

  /**
   * The oldest message not yet popped.
   *
   * @return its offset; only valid when not empty
   */
  long oldestOffset() {
    return offsets[head];
  }

  /**
   * When the oldest message not yet popped was dispatched.
   *
   * @return {@link System#nanoTime()} at dispatch; only valid when not empty
   */
  long oldestStartNanos() {
    return startNanos[head];
  }
}
