package io.strand.container.runloop;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Carries {@link Completion}s from task threads to the run loop and wakes the loop when it waits.
 *
 * <p>Threading: {@link #post} from any thread; {@link #poll} from the run loop thread only.
 */
final class CompletionQueue {

  private final ConcurrentLinkedQueue<Completion> queue = new ConcurrentLinkedQueue<>();
  private final Runnable wake;

  /**
   * Creates one.
   *
   * @param wake wakes the run loop if it waits (thread-safe)
   */
  CompletionQueue(Runnable wake) {
    this.wake = wake;
  }

  void post(Completion c) {
    queue.add(c);
    wake.run();
  }

  Completion poll() {
    return queue.poll();
  }
}
