package io.strand.container.runloop;

import io.strand.container.errors.ContainerFailedException;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.system.IncomingMessageEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's run loop, as Samza's: take the next message the {@link MessageChooser} picks,
 * deserialize it, hand it to its task, and between messages (and when idle) fire the window and
 * commit timers and act on the tasks' coordinator requests. Bounded inputs end here: when all of a
 * task's inputs have ended it gets {@code onEndOfStream}, a commit, and is done.
 *
 * <p>{@link #run()} returns after a clean stop — {@link #stop()}, a shutdown request for the
 * whole container, every task voting to shut down, or every task done — having drained in-flight
 * messages, made a final commit and closed the tasks. It throws {@link ContainerFailedException}
 * on any failure, having committed nothing past it and without closing the tasks.
 *
 * <p>Commits (timer or task request) begin at a barrier right after the message that asked, with
 * no message in flight, as {@link CommitScheduler} decides; {@link Committer} runs them.
 *
 * <p>Polls when nothing buffered can be dispatched, else as {@link PollSchedule} says; with the input
 * drained ({@link InputPoller#drainedSinceTakes()}) it first ends the producers' linger. The
 * per-message path allocates only the envelope for inline tasks, takes no lock and reads the
 * clock once; counters are batched and flushed every {@value #HOUSEKEEPING_MS} ms.
 *
 * <p>Threading: {@link #run()} owns the calling thread and everything here; {@link #stop()} is
 * thread-safe; off-thread work reports back through the {@link CompletionQueue}.
 */
public final class RunLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
  private static final long HOUSEKEEPING_MS = 500;
  private static final long MAX_IDLE_POLL_MS = 100;

  private final List<TaskInstance> tasks;
  private final InputPoller poller;
  private final MessageChooser chooser;
  private final Committer committer;
  private final CommitScheduler commits;
  private final CompletionQueue completions;
  private final ExecutorService pool;
  private final RunLoopSettings settings;
  private final ContainerMetrics metrics;
  private final PollSchedule pollSchedule;
  private volatile int bufferedSnapshot;
  private final String who;
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile boolean hasStarted;
  private final LoopStop stop = new LoopStop();
  private final CoordinatorRequests requests;

  private int inFlight;
  private boolean attention;
  private final LoopTimers timers;
  private final Runnable drained;
  private final FlushAhead flushAhead;

  RunLoop(List<TaskInstance> tasks, List<TaskInput> inputs, InputPoller poller, Committer committer,
      CompletionQueue completions, ExecutorService pool, RunLoopSettings settings,
      ContainerMetrics metrics, String who, Runnable drained) {
    this.drained = drained;
    this.tasks = List.copyOf(tasks);
    this.poller = poller;
    this.chooser = new MessageChooser(inputs, settings.chooserOrder(), settings.chooserBatchSize());
    this.pollSchedule = new PollSchedule(settings.pollIntervalMs(), chooser.levels());
    this.committer = committer;
    this.commits = new CommitScheduler(committer, this.tasks, this::wake, who);
    this.completions = completions;
    this.pool = pool;
    this.settings = settings;
    this.timers = new LoopTimers(settings.windowMs(), settings.commitMs(), HOUSEKEEPING_MS);
    // At most half the commit interval: a short one (tests) still leaves the barrier its own writes.
    this.flushAhead = new FlushAhead(committer.overlaps() ? Math.min(settings.writeAheadMs(), settings.commitMs() / 2) : 0,
        committer::buffered, committer::writeAhead);
    this.metrics = metrics;
    this.who = who;
    this.requests = new CoordinatorRequests(this.tasks, poller, commits, stop, this::inputClosed, who);
    metrics.bufferedMessages(() -> bufferedSnapshot);
  }

  /**
   * Runs until a clean stop or a failure.
   *
   * @throws ContainerFailedException on failure of a task, a serde (under the fail policy), a
   *     send, a checkpoint write or an async callback (failed or timed out)
   */
  public void run() {
    timers.start(System.nanoTime());
    try {
      poller.checkEnds(this::reachedMark);
      hasStarted = true;
      started.countDown();
      loop();
      LOG.info("{}: stopping ({}); final commit", who, stop.reason());
      stop.enter(StopPhase.FINAL_COMMIT);
      commits.commitWhole(tasks);
      stop.enter(StopPhase.CLOSING_TASKS);
      closeTasks();
      stop.enter(StopPhase.RETURNED);
    } finally {
      started.countDown();
      if (pool != null) {
        pool.shutdownNow();
      }
      for (TaskInstance t : tasks) {
        t.flushMetrics();
      }
    }
  }

  /**
   * Lets a commit still in flight end (on a failure path, for a few seconds at most), then closes
   * the consumers; call after {@link #run()} returns or throws.
   */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    committer.close();
    poller.close();
  }

  /** Asks for a clean stop; returns at once (thread-safe). */
  public void stop() {
    stop.ask();
    poller.wakeup();
  }

  /**
   * What a stop waits for, as far as the loop knows (thread-safe; for a stop that takes long).
   *
   * @return a phrase: not asked, or the {@link StopPhase} the stop is in
   */
  public String describeStop() {
    return stop.describe();
  }

  /**
   * Waits until the loop runs.
   *
   * @param timeoutMs the longest to wait, in ms
   * @return true once the loop has started (or already ended)
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitStarted(long timeoutMs) throws InterruptedException {
    return started.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /**
   * Whether the loop has started running (it may have ended since).
   *
   * @return true once started
   */
  public boolean hasStarted() {
    return hasStarted;
  }

  /**
   * Wakes the loop if it waits in a poll (thread-safe); for completions of off-thread work.
   */
  void wake() {
    poller.wakeupIfPolling();
  }

  private void loop() {
    while (true) {
      if (inFlight > 0) {
        drainCompletions();
      }
      if (commits.afterCompletions(stop.begun())) {
        attention = true;
      }
      if (stop.beginIfAsked()) {
        attention = true;
      }
      if (attention && handleAttention()) {
        return;
      }
      // A pending commit takes its barrier right after the message that asked for it (or the timer):
      // no message is dispatched until then.
      TaskInput in = stop.begun() || commits.pending() ? null : chooser.choose();
      if (in != null) {
        dispatch(in);
        long now = System.nanoTime();
        if (pollSchedule.dueAfterDispatch(now, poller.buffered(), chooser.takeDryPeer())) {
          pollOnce(Duration.ZERO, true);
        }
        if (now >= timers.deadline()) {
          onDeadline(now);
        }
        continue;
      }
      long now = System.nanoTime();
      if (now >= timers.deadline()) {
        onDeadline(now);
        continue;
      }
      if (attention) {
        continue;
      }
      // Nothing to process: a slice written ahead of a near commit uses the time the loop would
      // wait in a poll, then it polls without waiting.
      boolean mayWriteAhead = inFlight == 0 && !commits.pending() && !stop.begun();
      if (mayWriteAhead && now >= flushAhead.nextAt() && flushAhead.run(now, timers.nextCommit()) > 0) {
        pollOnce(Duration.ZERO, false);
        continue;
      }
      // A wait in the poll ends by the next write-ahead time too (after run() it is in the future).
      long wakeAt = mayWriteAhead ? Math.min(timers.deadline(), Math.max(now, flushAhead.nextAt())) : timers.deadline();
      long waitMs = inFlight > 0 ? 1 : Math.max(0, Math.min(MAX_IDLE_POLL_MS, (wakeAt - now) / 1_000_000L));
      if (inFlight == 0 && waitMs > 0 && poller.drainedSinceTakes()) {
        drained.run();
      }
      pollOnce(Duration.ofMillis(waitMs), false);
    }
  }

  private void pollOnce(Duration timeout, boolean dryOnly) {
    long start = System.nanoTime();
    poller.poll(timeout, chooser, dryOnly);
    metrics.pollTime().record(pollSchedule.polled() - start, TimeUnit.NANOSECONDS);
    poller.checkEnds(this::reachedMark);
  }

  private void dispatch(TaskInput in) {
    ConsumerRecord<byte[], byte[]> r = poller.take(in);
    TaskInstance t = in.task;
    long offset = r.offset();
    IncomingMessageEnvelope env = poller.envelope(in, r);
    if (t.process(in, env, offset)) {
      inFlight++;
    }
    if (offset + 1 >= in.endOffset) {
      reachedMark(in);
    }
    if (t.requests.any()) {
      applyRequests(t);
    }
    if (in.hasBuffered()) {
      chooser.offer(in);
    }
  }

  private void drainCompletions() {
    Completion c;
    while ((c = completions.poll()) != null) {
      TaskInstance t = c.input.task;
      inFlight--;
      t.completed(c);
      if (t.requests.any()) {
        applyRequests(t);
      }
      if (t.windowPending() || t.endOfStreamPending() || t.partitionEndsPending()) {
        attention = true;
      }
    }
    if (stop.begun() || commits.pending()) {
      attention = true;
    }
  }

  /** A bootstrap input caught up, or a bounded input reached its end. */
  private void reachedMark(TaskInput in) {
    TaskInstance t = in.task;
    if (in.markCaughtUp() && t.bootstrapCaughtUp()) {
      LOG.debug("{}: task '{}' caught up on its bootstrap streams", who, t.name);
      if (tasks.stream().noneMatch(TaskInstance::bootstrapping)) {
        LOG.info("{}: every task caught up on its bootstrap streams", who);
      }
    }
    if (poller.end(in)) {
      t.partitionEnded(in.ssp);
      t.inputEnded();
      attention = true;
      inputClosed();
    }
  }

  /** An input ended: once the open ones have one priority, polls every few messages stop. */
  private void inputClosed() {
    if (!chooser.severalPrioritiesOpen()) {
      pollSchedule.onePriorityLeft();
    }
  }

  private void applyRequests(TaskInstance t) {
    attention = true;
    requests.apply(t);
  }

  /**
   * Runs what was waiting for the loop: windows, ends of stream, commits, the stop.
   *
   * @return true when the loop should exit (nothing in flight and a stop was asked for)
   */
  private boolean handleAttention() {
    attention = false;
    boolean stopping = stop.begun();
    for (TaskInstance t : tasks) {
      if (!stopping && t.runDuePartitionEnds() && t.requests.any()) {
        applyRequests(t);
      }
      if (t.takeDueWindow() && !stopping) {
        t.calls.window();
        if (t.requests.any()) {
          applyRequests(t);
        }
      }
      if (!stopping && t.takeDueEndOfStream()) {
        t.endOfStream();
        if (t.requests.any()) {
          applyRequests(t);
        }
        LOG.debug("{}: task '{}' reached the end of its input", who, t.name);
        commits.commitLast(List.of(t));
        t.markDone();
        stop.askIfAllClosed(tasks);
      }
      if (t.windowPending() || (!stopping && (t.endOfStreamPending() || t.partitionEndsPending()))) {
        attention = true;
      }
    }
    stop.beginIfAsked();
    if (stop.begun()) {
      if (inFlight == 0) {
        return true; // the final commit follows in run()
      }
      stop.waitingFor(inFlight);
      attention = true;
      return false;
    }
    if (commits.beginAtBarrier(inFlight)) {
      attention = true;
    }
    return false;
  }

  private void onDeadline(long now) {
    int due = timers.due(now);
    if ((due & LoopTimers.WINDOW) != 0) {
      for (TaskInstance t : tasks) {
        if (t.requestWindow()) {
          attention = true;
        }
      }
    }
    if ((due & LoopTimers.COMMIT) != 0) {
      commits.askAll();
      attention = true;
    }
    if ((due & LoopTimers.HOUSEKEEPING) != 0) {
      housekeeping(now);
    }
  }

  private void housekeeping(long now) {
    for (TaskInstance t : tasks) {
      t.flushMetrics();
      if (t.inFlight() > 0) {
        t.checkCallbackTimeouts(now, settings.callbackTimeoutMs());
      }
    }
    poller.updateLag();
    bufferedSnapshot = poller.buffered();
  }

  private void closeTasks() {
    for (TaskInstance t : tasks) {
      Exception e = t.calls.close();
      if (e != null) {
        LOG.warn("{}: task '{}' threw from close; shutdown goes on: {}", who, t.name, e.toString());
      }
    }
  }
}
