package io.strand.container.runloop;

import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.metrics.TaskMetrics;
import io.strand.context.Context;
import io.strand.system.SystemStreamPartition;
import io.strand.task.ClosableTask;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.PartitionEndListenerTask;
import io.strand.task.WindowableTask;
import java.util.concurrent.TimeUnit;

/**
 * The calls into one user task object outside its messages: {@code init}, {@code window},
 * {@code onPartitionEnd}, {@code onEndOfStream} and {@code close}, each made only if the object
 * implements the matching interface. Every exception from the task becomes a
 * {@link ContainerFailedException} naming job, container and task, and, for a message, topic,
 * partition and offset ({@link #failure}). When each call is due is {@link TaskInstance}'s
 * business; this class holds no state of the task's progress.
 *
 * <p>Threading: run loop thread only.
 */
final class TaskCalls {

  private final TaskName name;
  private final Object task;
  private final MessageCollector collector;
  private final TaskRequests requests;
  private final TaskMetrics metrics;
  private final String who;

  /**
   * @param name the task name
   * @param task an instance of {@code task.class}
   * @param collector where the task sends output
   * @param requests the coordinator requests the task makes in its calls
   * @param metrics the task's meters ({@code window} is timed)
   * @param who "job ... container ..." for messages
   */
  TaskCalls(TaskName name, Object task, MessageCollector collector, TaskRequests requests, TaskMetrics metrics,
      String who) {
    this.name = name;
    this.task = task;
    this.collector = collector;
    this.requests = requests;
    this.metrics = metrics;
    this.who = who;
  }

  /** Whether the task windows ({@link WindowableTask}). */
  boolean windowable() {
    return task instanceof WindowableTask;
  }

  /** Whether the task is told of each bounded input partition's end ({@link PartitionEndListenerTask}). */
  boolean listensForPartitionEnds() {
    return task instanceof PartitionEndListenerTask;
  }

  /**
   * Calls {@code init} if the task is an {@link InitableTask}.
   *
   * @param context the task's context
   * @throws ContainerFailedException if init throws
   */
  void init(Context context) {
    if (task instanceof InitableTask t) {
      try {
        t.init(context);
      } catch (Exception | LinkageError e) {
        throw new ContainerFailedException(who + ": task '" + name + "' failed in init: " + e, e);
      }
    }
  }

  /**
   * Calls {@code window}, timed into the task's window meter; only with nothing in flight.
   *
   * @throws ContainerFailedException if window throws
   * @throws ClassCastException if the task does not window (callers check {@link #windowable()})
   */
  void window() {
    long start = System.nanoTime();
    try {
      ((WindowableTask) task).window(collector, requests);
    } catch (Exception | LinkageError e) {
      throw new ContainerFailedException(who + ": task '" + name + "' failed in window: " + e, e);
    }
    metrics.window().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }

  /**
   * Calls {@code onPartitionEnd} for a bounded input partition that ended; only with nothing in flight.
   *
   * @throws ContainerFailedException if it throws
   * @throws ClassCastException if the task does not listen (callers check {@link #listensForPartitionEnds()})
   */
  void partitionEnd(SystemStreamPartition ssp) {
    try {
      ((PartitionEndListenerTask) task).onPartitionEnd(ssp, collector, requests);
    } catch (Exception | LinkageError e) {
      throw new ContainerFailedException(who + ": task '" + name + "' failed in onPartitionEnd for " + ssp + ": "
          + e, e);
    }
  }

  /**
   * Calls {@code onEndOfStream} if the task listens for it; only with nothing in flight.
   *
   * @throws ContainerFailedException if it throws
   */
  void endOfStream() {
    if (task instanceof EndOfStreamListenerTask t) {
      try {
        t.onEndOfStream(collector, requests);
      } catch (Exception | LinkageError e) {
        throw new ContainerFailedException(who + ": task '" + name + "' failed in onEndOfStream: " + e, e);
      }
    }
  }

  /**
   * Calls {@code close} if the task is closable; on clean shutdown only.
   *
   * @return the error close threw, or null (it is logged by the caller and the shutdown goes on)
   */
  Exception close() {
    if (task instanceof ClosableTask t) {
      try {
        t.close();
      } catch (Exception e) {
        return e;
      }
    }
    return null;
  }

  /**
   * The failure of a call about one message.
   *
   * @param during the call that failed ("process", "processAsync", ...)
   * @param in where the message was read
   * @param offset its offset
   * @param e what the task threw
   * @return the container's failure naming job, container, task, topic, partition and offset
   */
  ContainerFailedException failure(String during, TaskInput in, long offset, Throwable e) {
    return new ContainerFailedException(who + ": task '" + name + "' failed in " + during + " at topic '"
        + in.ssp.getStream() + "' partition " + in.ssp.getPartition().id() + " offset " + offset + " (" + in.ssp
        + "): " + e, e);
  }

  /**
   * The failure of a message that did not complete in time.
   *
   * @param in where the message was read
   * @param offset its offset
   * @param timeoutMs the timeout that passed, ms
   * @return the container's failure naming job, container, task, topic, partition and offset
   */
  ContainerFailedException callbackTimeout(TaskInput in, long offset, long timeoutMs) {
    return new ContainerFailedException(who + ": task '" + name + "' did not complete the message at topic '"
        + in.ssp.getStream() + "' partition " + in.ssp.getPartition().id() + " offset " + offset + " (" + in.ssp
        + ") within " + RunLoopSettings.CALLBACK_TIMEOUT_MS + "=" + timeoutMs + " ms");
  }
}
