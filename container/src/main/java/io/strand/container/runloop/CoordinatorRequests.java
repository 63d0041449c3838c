package io.strand.container.runloop;

import io.strand.container.errors.ContainerFailedException;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a task's coordinator requests ({@link TaskRequests}), as Samza's
 * {@code CoordinatorRequests}: inputs the task said ended leave the poller, a shutdown of the
 * whole container or the last task's vote asks the loop to stop ({@link LoopStop}), and commit
 * requests go to the {@link CommitScheduler}. The {@link RunLoop} calls it right after the call of
 * the task that asked (a message, a window, an end of stream, a completion).
 *
 * <p>Threading: the loop's thread only.
 */
final class CoordinatorRequests {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRequests.class);

  private final List<TaskInstance> tasks;
  private final InputPoller poller;
  private final CommitScheduler commits;
  private final LoopStop stop;
  private final Runnable inputClosed;
  private final String who;

  /**
   * @param tasks the container's tasks
   * @param poller the inputs, where an input the task said ended stops
   * @param commits where commit requests go
   * @param stop the loop's stop, asked on a shutdown request
   * @param inputClosed run after an input ended (the loop's poll schedule may change)
   * @param who the container, for logs and errors
   */
  CoordinatorRequests(List<TaskInstance> tasks, InputPoller poller, CommitScheduler commits, LoopStop stop,
      Runnable inputClosed, String who) {
    this.tasks = tasks;
    this.poller = poller;
    this.commits = commits;
    this.stop = stop;
    this.inputClosed = inputClosed;
    this.who = who;
  }

  /**
   * Takes the task's pending requests and acts on them.
   *
   * @param t the task that asked
   * @throws ContainerFailedException if the task said an input ended that is not one of its own
   */
  void apply(TaskInstance t) {
    int bits = t.requests.take();
    if ((bits & TaskRequests.END_INPUT) != 0) {
      endInputs(t);
    }
    if ((bits & TaskRequests.SHUTDOWN_ALL) != 0) {
      stop.ask("task '" + t.name + "' asked to shut down all tasks in the container");
    }
    if ((bits & TaskRequests.SHUTDOWN_TASK) != 0 && t.voteShutdown()) {
      LOG.debug("{}: task '{}' voted to shut down", who, t.name);
      if (tasks.stream().allMatch(TaskInstance::closedForInput)) {
        stop.ask("every task voted to shut down or is done");
      }
    }
    commits.requested(bits, t);
  }

  /** The task said some of its inputs ended ({@code TaskCoordinator.endOfStream}). */
  private void endInputs(TaskInstance t) {
    for (SystemStreamPartition ssp : t.requests.takeEndedInputs()) {
      TaskInput in = t.inputs().stream().filter(i -> i.ssp.equals(ssp)).findFirst().orElseThrow(() ->
          new ContainerFailedException(who + ": task '" + t.name + "' said input " + ssp + " ended, but it is not"
              + " one of its inputs " + t.inputs().stream().map(i -> i.ssp).toList()));
      if (poller.endAsTaskSaid(in)) {
        LOG.debug("{}: task '{}' said its input {} ended", who, t.name, ssp);
        t.inputEnded();
        inputClosed.run();
      }
    }
  }
}
