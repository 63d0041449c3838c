package io.strand.container.runloop;

import io.strand.container.metrics.TaskMetrics;
import io.strand.system.IncomingMessageEnvelope;
import java.util.concurrent.TimeUnit;

/**
 * Messages that complete after {@code process} returns ({@link PooledDelivery},
 * {@link AsyncDelivery}): each is noted in its input's {@link InFlightOffsets} ring and finished
 * through a {@link Completion} the run loop takes from the {@link CompletionQueue}; an input's
 * processed offset moves only over a completed prefix, and a skipped bad message waits in the
 * ring for the messages before it.
 *
 * <p>Threading: run loop thread; the completions come back through the queue.
 */
abstract sealed class OffThreadDelivery extends TaskDelivery permits PooledDelivery, AsyncDelivery {

  private final CompletionQueue completions;

  OffThreadDelivery(TaskInstance owner, TaskMetrics metrics, int maxInFlight, CompletionQueue completions) {
    super(owner, metrics, maxInFlight);
    this.completions = completions;
  }

  @Override
  final boolean process(TaskInput in, IncomingMessageEnvelope env, long offset) {
    long now = System.nanoTime();
    if (env == null) {
      if (in.inFlight.isEmpty()) {
        in.processedThrough(offset);
      } else {
        in.inFlight.add(offset, now, true);
      }
      processedUnflushed++;
      return false;
    }
    in.inFlight.add(offset, now, false);
    inFlight++;
    handOff(in, env, offset, new Completion(in, offset, completions, now));
    return true;
  }

  /**
   * Starts the task's work on one message, which ends with {@code c.complete()} or
   * {@code c.failure(...)}.
   *
   * @throws io.strand.container.errors.ContainerFailedException if the hand-off itself throws
   */
  abstract void handOff(TaskInput in, IncomingMessageEnvelope env, long offset, Completion c);

  /** The call a failed completion is reported as, for the error message. */
  abstract String failedCall();

  @Override
  final InFlightOffsets newInFlightOffsets() {
    return new InFlightOffsets(maxInFlight);
  }

  @Override
  final void completed(Completion c) {
    inFlight--;
    if (c.error() != null) {
      throw owner.calls.failure(failedCall(), c.input, c.offset, c.error());
    }
    metrics.processTime().record(System.nanoTime() - c.startNanos, TimeUnit.NANOSECONDS);
    processedUnflushed++;
    long prefix = c.input.inFlight.complete(c.offset);
    if (prefix >= 0) {
      c.input.processedThrough(prefix);
    }
  }
}
