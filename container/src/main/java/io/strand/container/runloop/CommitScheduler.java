package io.strand.container.runloop;

import io.strand.container.errors.ContainerFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The run loop's commit scheduling: which commits are asked for (the commit timer, a task's
 * request for itself or for every task, a task's end of input, the container's final commit),
 * when one begins (at the loop's next barrier: no message in flight, and no message dispatched
 * while one waits for it), and the one in flight. Under at-least-once a commit then ends on the
 * committer's thread ({@link Committer#commitInBackground}) while the loop processes on, and at
 * most one is in flight: a commit due while another still waits for its acknowledgements waits
 * for it first, and so do a task's last commit at the end of its input ({@link #commitLast}: in
 * the background too under at-least-once) and the final one, which runs whole. {@link Committer}
 * is the commit protocol itself; this class only decides when it runs (moved out of
 * {@code RunLoop} in session 18, behaviour unchanged).
 *
 * <p>Threading: run loop thread only; the committer thread only completes the future it was
 * handed and wakes the loop.
 */
final class CommitScheduler {

  private final Committer committer;
  private final List<TaskInstance> allTasks;
  private final Runnable wake;
  private final String who;
  private boolean pending;
  private boolean all;
  private final List<TaskInstance> asked = new ArrayList<>();
  /** The commit ending on the committer thread, or null; at most one at a time. */
  private CompletableFuture<Void> inFlight;
  /** Tasks that reached their end while a commit was in flight: their last commit begins when it ends. */
  private final List<TaskInstance> lastDue = new ArrayList<>();

  /**
   * @param committer the commit path
   * @param allTasks every task of the container, for a commit of all
   * @param wake wakes the run loop when a background commit ends
   * @param who the container, for messages
   */
  CommitScheduler(Committer committer, List<TaskInstance> allTasks, Runnable wake, String who) {
    this.committer = committer;
    this.allTasks = allTasks;
    this.wake = wake;
    this.who = who;
  }

  /** Asks for a commit of every task at the next barrier. */
  void askAll() {
    pending = true;
    all = true;
  }

  /**
   * Asks for a commit of one task at the next barrier.
   *
   * @param t the task
   */
  void ask(TaskInstance t) {
    pending = true;
    if (!asked.contains(t)) {
      asked.add(t);
    }
  }

  /**
   * Whether a commit was asked for and has not begun.
   *
   * @return true while one waits for its barrier
   */
  boolean pending() {
    return pending;
  }

  /**
   * Acts on a task's commit requests ({@code TaskCoordinator.commit}).
   *
   * @param bits the task's {@link TaskRequests} bits just taken
   * @param t the task
   */
  void requested(int bits, TaskInstance t) {
    if ((bits & TaskRequests.COMMIT_ALL) != 0) {
      askAll();
    }
    if ((bits & TaskRequests.COMMIT_TASK) != 0) {
      ask(t);
    }
  }

  /**
   * After the loop drained completions: ends the commit in flight if it has ended.
   *
   * @param stopping whether the loop is stopping (its final commit waits for this one)
   * @return true if the loop needs to look again (a commit ended and another waits, or a stop)
   * @throws ContainerFailedException if the commit in flight failed
   */
  boolean afterCompletions(boolean stopping) {
    return endIfDone() && (pending || stopping);
  }

  /**
   * At a point where the loop could take a barrier: begins the asked-for commit if nothing is in
   * flight, else leaves it waiting (the loop dispatches nothing meanwhile).
   *
   * @param messagesInFlight messages handed to tasks and not yet completed
   * @return true if a commit still waits for its barrier (the loop must look again)
   */
  boolean beginAtBarrier(int messagesInFlight) {
    if (!pending) {
      return false;
    }
    if (messagesInFlight > 0) {
      return true;
    }
    begin();
    return false;
  }

  /**
   * Ends the commit in flight if it has ended on the committer thread.
   *
   * @return true if one ended just now
   * @throws ContainerFailedException if it failed
   */
  boolean endIfDone() {
    if (inFlight == null || !inFlight.isDone()) {
      return false;
    }
    ended();
    if (!lastDue.isEmpty()) {
      List<TaskInstance> which = List.copyOf(lastDue);
      lastDue.clear();
      inFlight = committer.commitInBackground(which, true, wake);
    }
    return true;
  }

  /**
   * Begins the asked-for commit at a barrier, after the one in flight (if any) ended: in the
   * background under at-least-once, else whole.
   */
  void begin() {
    await(); // at most one in flight: the previous one ends first (it normally has, long ago)
    List<TaskInstance> which = all ? allTasks : List.copyOf(asked);
    pending = false;
    all = false;
    asked.clear();
    if (committer.overlaps()) {
      // Last commits still waiting for their turn go with this one, as final commits (a final
      // commit of a task that has not ended only takes its store snapshots early).
      boolean last = !lastDue.isEmpty();
      inFlight = committer.commitInBackground(withLastDue(which), last, wake);
    } else {
      committer.commit(which, false);
    }
  }

  /**
   * Commits the given tasks whole on this thread after the commit in flight, if any, ended: the
   * container's final commit (and a task's last one under exactly-once, by {@link #commitLast}).
   *
   * @param which the tasks
   */
  void commitWhole(List<TaskInstance> which) {
    await();
    committer.commit(withLastDue(which), true);
  }

  /** The given tasks and the ones whose last commit waits for its turn, which it takes (clears). */
  private List<TaskInstance> withLastDue(List<TaskInstance> which) {
    if (lastDue.isEmpty()) {
      return which;
    }
    List<TaskInstance> both = new ArrayList<>(which);
    for (TaskInstance t : lastDue) {
      if (!both.contains(t)) {
        both.add(t);
      }
    }
    lastDue.clear();
    return both;
  }

  /**
   * Commits a task that reached the end of its input (its last commit, with local snapshots of
   * its stores): under at-least-once it ends on the committer thread, as a periodic commit does,
   * so the loop goes on with the other tasks' input while the producers acknowledge and the
   * snapshots are taken (when several tasks end one after the other, each such commit used to stall
   * the loop for a flush, a snapshot and a checkpoint write; the enrichment benchmark's profile);
   * else whole, as before. It begins after the commit in flight, if any, ended: at once when there
   * is none, else when that one ends (the tasks ending meanwhile together) or with the next commit
   * that begins, the final one included; the container's final commit waits for it in turn.
   *
   * @param which the tasks
   */
  void commitLast(List<TaskInstance> which) {
    if (!committer.overlaps()) {
      await();
      committer.commit(which, true);
      return;
    }
    if (inFlight != null && !inFlight.isDone()) {
      // Tasks often end one after another: rather than stall the loop until the previous task's
      // last commit ends, this one begins when it has ended (endIfDone), together with any other
      // task that ended meanwhile, or goes with the next commit that begins first.
      which.stream().filter(t -> !lastDue.contains(t)).forEach(lastDue::add);
      return;
    }
    await();
    inFlight = committer.commitInBackground(which, true, wake);
  }

  /** Waits for the commit in flight, if any, to end. */
  private void await() {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerFailedException(who + ": interrupted waiting for a commit to end", e);
    } catch (ExecutionException e) {
      // reported by ended()
    }
    ended();
  }

  /** The commit in flight has ended: a failure fails the container. */
  private void ended() {
    CompletableFuture<Void> done = inFlight;
    inFlight = null;
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ContainerFailedException failed) {
        throw failed;
      }
      throw new ContainerFailedException(who + ": commit failed: " + e.getCause(), e.getCause());
    }
  }
}
