package io.strand.container.runloop;

import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.metrics.TaskMetrics;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.SystemStreamPartition;
import io.strand.task.AsyncStreamTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of the container: the user's task object, its coordinator, and where it stands
 * (messages in flight, bootstrap and end-of-stream progress, shutdown vote). That state changes
 * only through its methods; the run loop asks and tells, it never writes it. Messages reach the
 * task through its {@link TaskDelivery}, fixed at construction: {@link InlineDelivery} (the
 * default), {@link PooledDelivery} ({@code job.container.thread.pool.size} &gt; 0) or
 * {@link AsyncDelivery} (an {@link AsyncStreamTask}).
 *
 * <p>The calls into the task outside its messages ({@code init}, {@code window},
 * {@code onPartitionEnd}, {@code onEndOfStream}, {@code close}) are its {@link TaskCalls}, which
 * turn every exception from the task into a {@link ContainerFailedException} naming job,
 * container, task and, for messages, topic, partition and offset.
 *
 * <p>Threading: run loop thread only; the pooled and async paths hand results back through the
 * {@link CompletionQueue}.
 */
final class TaskInstance {

  private static final Logger LOG = LoggerFactory.getLogger(TaskInstance.class);

  final TaskName name;
  final TaskRequests requests = new TaskRequests();
  final TaskMetrics metrics;
  /** The calls into the task outside its messages; the run loop makes them when this class says they are due. */
  final TaskCalls calls;
  private final List<TaskInput> inputs = new ArrayList<>();
  /** How messages reach the task; holds the messages in flight and the unflushed processed count. */
  private final TaskDelivery delivery;
  private final String who;

  /** Bootstrap inputs not yet caught up; while positive only bootstrap inputs are delivered. */
  private int bootstrapPending;
  /** Inputs that have not ended; unbounded inputs never end. */
  private int openInputs;
  /** A window is due; it runs once nothing is in flight. */
  private boolean windowPending;
  /** Every input has ended; onEndOfStream runs once nothing is in flight. */
  private boolean endOfStreamPending;
  /** Reached the end of its input and made its last commit. */
  private boolean done;
  /**
   * The input offsets of the checkpoint it resumed from, when that checkpoint says
   * {@code onEndOfStream} had run (see {@link #resumeEnded}); null otherwise.
   */
  private Map<SystemStreamPartition, Long> endedAtCheckpoint;
  /** Its end of stream was handled in this run (called, or skipped as already done). */
  private boolean reachedEnd;
  private boolean shutdownVoted;
  /** Bounded input partitions that ended and whose {@code onPartitionEnd} is still to run. */
  private final List<SystemStreamPartition> partitionEndsDue = new ArrayList<>();

  /**
   * Wraps a task object.
   *
   * @param name the task name
   * @param task an instance of {@code task.class}
   * @param collector where the task sends output
   * @param metrics the task's meters
   * @param pool the container's thread pool, or null for the run loop thread only
   * @param completions where off-thread results go
   * @param maxConcurrency {@code task.max.concurrency} (async tasks only)
   * @param who "job ... container ..." for messages
   * @throws ContainerFailedException if the object is neither a StreamTask nor an AsyncStreamTask
   */
  TaskInstance(TaskName name, Object task, MessageCollector collector, TaskMetrics metrics, ExecutorService pool,
      CompletionQueue completions, int maxConcurrency, String who) {
    this.name = name;
    this.metrics = metrics;
    this.who = who;
    this.calls = new TaskCalls(name, task, collector, requests, metrics, who);
    if (task instanceof AsyncStreamTask a) {
      this.delivery = new AsyncDelivery(this, a, collector, requests, metrics, maxConcurrency, completions);
    } else if (task instanceof StreamTask s) {
      this.delivery = pool == null ? new InlineDelivery(this, s, collector, requests, metrics)
          : new PooledDelivery(this, s, collector, requests, metrics, pool, completions);
    } else {
      throw new ContainerFailedException(who + ": task class " + task.getClass().getName()
          + " implements neither " + StreamTask.class.getName() + " nor " + AsyncStreamTask.class.getName());
    }
  }

  /**
   * The in-flight ring an input of this task needs.
   *
   * @return a ring for pooled and async tasks, null for inline ones
   */
  InFlightOffsets newInFlightOffsets() {
    return delivery.newInFlightOffsets();
  }

  /** Adds one of its input partitions (whose task is this one), before the loop runs. */
  void addInput(TaskInput in) {
    inputs.add(in);
    openInputs++;
    if (in.bootstrap) {
      bootstrapPending++;
    }
  }

  /** The task's input partitions: a read-only view, in the order added. */
  List<TaskInput> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  /** Messages handed to the task and not yet completed: 0 or 1 unless async (up to {@code task.max.concurrency}). */
  int inFlight() {
    return delivery.inFlight;
  }

  /** Notes that one of its bootstrap inputs caught up; true if that was the last, so every input is delivered now. */
  boolean bootstrapCaughtUp() {
    return --bootstrapPending == 0;
  }

  /** Whether some bootstrap input of the task has not caught up yet. */
  boolean bootstrapping() {
    return bootstrapPending > 0;
  }

  /** Notes that one of its bounded inputs ended; true if that made {@code onEndOfStream} due (all have ended). */
  boolean inputEnded() {
    if (--openInputs == 0 && !done) {
      endOfStreamPending = true;
      return true;
    }
    return false;
  }

  /**
   * Notes that a bounded input partition reached its end; a {@link PartitionEndListenerTask} is
   * told once nothing is in flight ({@link #runDuePartitionEnds()}).
   */
  void partitionEnded(SystemStreamPartition ssp) {
    if (calls.listensForPartitionEnds()) {
      partitionEndsDue.add(ssp);
    }
  }

  /** Whether an {@code onPartitionEnd} call is due (it may still wait for in-flight messages). */
  boolean partitionEndsPending() {
    return !partitionEndsDue.isEmpty();
  }

  /**
   * Calls {@code onPartitionEnd} for each partition that ended, once nothing is in flight.
   *
   * @return true if any was called
   * @throws ContainerFailedException if a call throws
   */
  boolean runDuePartitionEnds() {
    if (partitionEndsDue.isEmpty() || delivery.inFlight > 0) {
      return false;
    }
    List<SystemStreamPartition> due = List.copyOf(partitionEndsDue);
    partitionEndsDue.clear();
    for (SystemStreamPartition ssp : due) {
      calls.partitionEnd(ssp);
    }
    return true;
  }

  /** Makes a window due (the window timer fired); true if the task windows, is not done and had none due. */
  boolean requestWindow() {
    if (calls.windowable() && !done && !windowPending) {
      windowPending = true;
      return true;
    }
    return false;
  }

  /** Whether a window is due (it may still wait for in-flight messages). */
  boolean windowPending() {
    return windowPending;
  }

  /**
   * Takes a due window once nothing is in flight; the caller then runs {@link #window()} (or, when
   * stopping, drops it).
   *
   * @return true if a window was due with nothing in flight; it is no longer due
   */
  boolean takeDueWindow() {
    if (windowPending && delivery.inFlight == 0) {
      windowPending = false;
      return true;
    }
    return false;
  }

  /** Whether the end of stream is due (it may still wait for in-flight messages). */
  boolean endOfStreamPending() {
    return endOfStreamPending;
  }

  /**
   * Takes a due end of stream once nothing is in flight; the caller then runs
   * {@link #endOfStream()}, commits the task and {@link #markDone() marks it done}.
   *
   * @return true if the end of stream was due with nothing in flight; it is no longer due
   */
  boolean takeDueEndOfStream() {
    if (endOfStreamPending && delivery.inFlight == 0) {
      endOfStreamPending = false;
      return true;
    }
    return false;
  }

  /**
   * Notes that the checkpoint the task resumes from was made after its {@code onEndOfStream} ran
   * ({@link io.strand.container.checkpoint.Checkpoint#endOfStream()}): if its inputs end again with
   * nothing past that checkpoint processed, {@code onEndOfStream} is not called a second time.
   *
   * @param checkpointedOffsets the checkpoint's input offsets (last processed per partition)
   */
  void resumeEnded(Map<SystemStreamPartition, Long> checkpointedOffsets) {
    endedAtCheckpoint = Map.copyOf(checkpointedOffsets);
  }

  /** Whether its end of stream was handled in this run, for its checkpoints. */
  boolean reachedEnd() {
    return reachedEnd;
  }

  /** Notes that the task reached the end of its input and made its last commit. */
  void markDone() {
    done = true;
  }

  /** Whether the task reached the end of its input and made its last commit ({@link #markDone()}). */
  boolean done() {
    return done;
  }

  /** Records its vote to shut down ({@code TaskCoordinator.shutdown(CURRENT_TASK)}); true if it had not voted. */
  boolean voteShutdown() {
    if (shutdownVoted) {
      return false;
    }
    shutdownVoted = true;
    return true;
  }

  /**
   * Whether the task can take a message from this input now.
   *
   * @param in one of its inputs
   * @return true if not held by a window, vote, end of stream or full concurrency, and not waiting
   *     for a different (bootstrap) input
   */
  boolean accepts(TaskInput in) {
    return delivery.inFlight < delivery.maxInFlight && !windowPending && !closedForInput() && !endOfStreamPending
        && (bootstrapPending == 0 || in.bootstrap);
  }

  /**
   * Whether the task takes no more input at all.
   *
   * @return true once done or voted to shut down
   */
  boolean closedForInput() {
    return done || shutdownVoted;
  }

  /**
   * Hands one message to the task (see {@link TaskDelivery#process}).
   *
   * @param in where it was read
   * @param env the envelope, or null when the message was skipped as bad input (it still counts
   *     as processed, in order)
   * @param offset its offset
   * @return true if the message is now in flight (pooled and async tasks), false if it is
   *     processed already (inline tasks, skipped messages)
   * @throws ContainerFailedException if an inline process call or a processAsync call throws
   */
  boolean process(TaskInput in, IncomingMessageEnvelope env, long offset) {
    return delivery.process(in, env, offset);
  }

  /**
   * Accounts a completion taken from the queue: advances the input's completed prefix.
   *
   * @param c the completion
   * @throws ContainerFailedException if the message failed
   */
  void completed(Completion c) {
    delivery.completed(c);
  }

  /**
   * Fails if a message has been in flight longer than the callback timeout.
   *
   * @param now {@link System#nanoTime()}
   * @param timeoutMs {@code task.callback.timeout.ms}
   * @throws ContainerFailedException naming the oldest overdue message
   */
  void checkCallbackTimeouts(long now, long timeoutMs) {
    for (TaskInput in : inputs) {
      if (!in.inFlightEmpty() && now - in.inFlight.oldestStartNanos() > timeoutMs * 1_000_000L) {
        throw calls.callbackTimeout(in, in.inFlight.oldestOffset(), timeoutMs);
      }
    }
  }

  /**
   * Notes that the task's end of stream is handled and calls {@code onEndOfStream} (through
   * {@link TaskCalls#endOfStream()}) unless the checkpoint it resumed from had run it already and
   * nothing was processed since; only with nothing in flight.
   *
   * @throws ContainerFailedException if it throws
   */
  void endOfStream() {
    reachedEnd = true;
    if (endedAtCheckpoint != null && !processedPastCheckpoint()) {
      // Its end-of-stream outputs were committed with that checkpoint, and no input came since.
      LOG.debug("{}: task '{}' already handled the end of its input before the restart; onEndOfStream not called again",
          who, name);
      return;
    }
    calls.endOfStream();
  }

  /**
   * Whether some message past the resumed checkpoint was handed to the task: one of its inputs
   * moved beyond the offset that checkpoint names for it (any record of an input it does not
   * name). An input started over despite its checkpoint ({@code samza.reset.offset}, a table read
   * again at every start) is read again up to that offset without counting as new input: the
   * task saw those records before its end of stream. Asked only at the end of stream, with
   * nothing in flight, so every message handed over is complete.
   */
  private boolean processedPastCheckpoint() {
    for (TaskInput in : inputs) {
      if (in.lastProcessed() > endedAtCheckpoint.getOrDefault(in.ssp, -1L)) {
        return true;
      }
    }
    return false;
  }

  /** Moves the batched processed count into the counter (counter increments stay off the per-message path). */
  void flushMetrics() {
    delivery.flushMetrics();
  }
}
