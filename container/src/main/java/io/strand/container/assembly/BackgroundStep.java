package io.strand.container.assembly;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A start-up step that waits on Kafka (a topic created, a producer connected) run on a thread of
 * its own while the container goes on with a step that does not need it, such as the checkpoint
 * topic created while the stores restore. {@link #join} waits for it and rethrows its failure.
 *
 * <p>Threading: {@link #start} and {@link #join} from the container's thread; the step runs on a
 * daemon thread named after it.
 */
final class BackgroundStep {

  private final CompletableFuture<Void> done;

  private BackgroundStep(CompletableFuture<Void> done) {
    this.done = done;
  }

  /**
   * Starts the step, or runs nothing when it is not needed.
   *
   * @param needed whether to run it
   * @param threadName the thread's name, for stack dumps and log lines
   * @param step the step
   * @return the running step
   */
  static BackgroundStep start(boolean needed, String threadName, Runnable step) {
    if (!needed) {
      return new BackgroundStep(CompletableFuture.completedFuture(null));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        step.run();
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
    return new BackgroundStep(done);
  }

  /**
   * Waits for the step to end.
   *
   * @throws RuntimeException the step's own failure (an {@link Error} is rethrown as is)
   */
  void join() {
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Waits for the step to end, ignoring its failure: for a start that is failing anyway. */
  void awaitQuietly() {
    try {
      done.join();
    } catch (CompletionException ignored) {
      // the container's own failure is the one reported
    }
  }
}
