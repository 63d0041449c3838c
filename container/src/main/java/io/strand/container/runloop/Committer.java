package io.strand.container.runloop;

import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointManager;
import io.strand.container.checkpoint.ConsumerGroupOffsets;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.output.ProducerPool;
import io.strand.container.output.SendFailedException;
import io.strand.container.transaction.TransactionalProducer;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit path. It begins on the run loop thread with no message in flight, at the commit's
 * barrier: commit participants (the committing tasks' store caches) flush into the producers, the
 * input offsets (last processed offset per input partition) are taken, the participants fix what
 * the commit covers (a store due a local snapshot takes no engine write from then on until the
 * snapshot is taken, on the commit's thread, as the first step after the barrier), and the checkpoint manager is handed the input offsets
 * ({@code CheckpointManager.prepare}: under exactly-once the group offsets go into the
 * transaction). It ends once every producer send made before the barrier was acknowledged: then
 * every send is checked, the participants persist their state and report changelog offsets,
 * each task's checkpoint (those input offsets, the changelog offset per store) is written and
 * acknowledged, and the offsets are mirrored to the job's consumer group for tooling. A failed
 * send, persist or checkpoint write fails the container, so no checkpoint names an offset whose
 * output or state is not durable.
 *
 * <p>Under at-least-once a periodic or requested commit ends on the committer's own thread
 * ({@link #commitInBackground}) while the run loop processes on, as Samza's async commit and
 * Flink's asynchronous snapshots: its barrier is a {@code flush()} of the producers on that thread,
 * which waits for every batch incomplete when it is called, so for every send made before the
 * barrier (and some after: it never waits for less; a producer with a send thread first waits for
 * what its queue held, {@code output.SendHandOff}), and the changelog offsets are those of the
 * last changelog write before the barrier, not the highest acknowledged. At most one commit is
 * in flight; the run loop starts the next only once it has ended. A task's last commit at the
 * end of its input ends there too (with its stores' final snapshots); the container's final
 * commit (a clean stop) waits for the one in flight and then runs whole on the run loop
 * ({@link #commit}).
 *
 * <p>Under exactly-once the same steps run inside the container's open transaction, and the
 * checkpoint write commits it (see {@code TransactionalCheckpoints}): outputs, changelog records and
 * checkpoints become visible together or not at all. Every commit there runs whole on the run
 * loop: the transaction's commit is a barrier no send may cross (a send after it belongs to the
 * next transaction, which opens only once the commit returned). Since one transaction holds the
 * outputs of every task, every commit there covers every task of the container, as Kafka Streams
 * commits all tasks of a thread; a task's own commit request or end of input commits them all. A
 * container without stores skips the explicit producer flush there: the transaction's commit
 * waits for its sends anyway.
 *
 * <p>Threading: {@link #commit} and {@link #commitInBackground} on the run loop thread;
 * the end of a background commit on the committer thread; {@link #close()} from any thread.
 */
final class Committer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);
  /** How long {@link #close()} lets a commit in flight end on a failure path before interrupting it. */
  private static final long CLOSE_WAIT_MS = 5_000;

  private final List<CommitParticipant> participants;
  private final ProducerPool producers;
  private final CheckpointManager checkpoints;
  private final ConsumerGroupOffsets groupOffsets;
  private final String who;
  private final List<TaskInstance> allTasks;
  private final Optional<String> transactionalSystem;
  private final ExecutorService background;

  Committer(List<CommitParticipant> participants, ProducerPool producers, CheckpointManager checkpoints,
      ConsumerGroupOffsets groupOffsets, String who, List<TaskInstance> allTasks) {
    this.allTasks = List.copyOf(allTasks);
    this.transactionalSystem = producers.transaction().map(t -> t.settings().system());
    this.participants = List.copyOf(participants);
    this.producers = producers;
    this.checkpoints = checkpoints;
    this.groupOffsets = groupOffsets;
    this.who = who;
    this.background = transactionalSystem.isPresent() ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, who + " committer");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Whether {@link #commitInBackground} may be used: under at-least-once.
   *
   * @return true when commits may end while the run loop processes
   */
  boolean overlaps() {
    return background != null;
  }

  /**
   * The participants' buffered writes, for pacing {@link #writeAhead}. Run loop thread.
   *
   * @return the buffered writes (dirty store cache entries) of every task
   */
  int buffered() {
    int n = 0;
    for (CommitParticipant p : participants) {
      n += p.buffered();
    }
    return n;
  }

  /**
   * Hands up to {@code max} buffered writes to the producers ahead of the next commit
   * ({@link CommitParticipant#writeAhead}), so its barrier has fewer to write. Run loop thread, no
   * message in flight; at-least-once only ({@link FlushAhead}).
   *
   * @param max the most writes
   * @return the writes handed over
   * @throws ContainerFailedException if a participant failed
   */
  int writeAhead(int max) {
    int written = 0;
    for (CommitParticipant p : participants) {
      if (written >= max) {
        break;
      }
      try {
        written += p.writeAhead(max - written);
      } catch (RuntimeException e) {
        throw failure("writing " + p.name() + " ahead of a commit failed", e);
      }
    }
    return written;
  }

  /**
   * Commits the given tasks and returns when their checkpoints are durable.
   *
   * @param asked the tasks whose checkpoints to write; under exactly-once every task's are
   * @param finalCommit true for the tasks' last commit (clean stop, end of input), when the
   *     stores also take a local snapshot whatever its interval
   * @throws ContainerFailedException if a participant, a send or a checkpoint write failed
   */
  void commit(List<TaskInstance> asked, boolean finalCommit) {
    begin(asked, finalCommit).finish();
  }

  /**
   * Begins a commit of the given tasks at its barrier (on the calling thread) and lets it end on
   * the committer thread; the caller must not begin another before the returned future is done.
   *
   * @param asked the tasks whose checkpoints to write
   * @param onDone run on the committer thread when the commit has ended, either way (to wake the
   *     run loop)
   * @return done when the checkpoints are durable; completed exceptionally with the
   *     {@link ContainerFailedException} if the commit failed after the barrier
   * @throws ContainerFailedException if the commit failed at its barrier
   * @throws IllegalStateException under exactly-once
   */
  CompletableFuture<Void> commitInBackground(List<TaskInstance> asked, Runnable onDone) {
    return commitInBackground(asked, false, onDone);
  }

  /**
   * As {@link #commitInBackground(List, Runnable)}, for a commit that may be the tasks' last.
   *
   * @param asked the tasks whose checkpoints to write
   * @param finalCommit true for the tasks' last commit (end of input): their stores also take a
   *     local snapshot whatever its interval, on the committer thread
   * @param onDone run on the committer thread when the commit has ended, either way
   * @return done when the checkpoints are durable
   * @throws ContainerFailedException if the commit failed at its barrier
   * @throws IllegalStateException under exactly-once
   */
  CompletableFuture<Void> commitInBackground(List<TaskInstance> asked, boolean finalCommit, Runnable onDone) {
    if (background == null) {
      throw new IllegalStateException("commits under exactly-once cannot end in the background");
    }
    Begun begun = begin(asked, finalCommit);
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      background.execute(new BackgroundCommit(begun, done, onDone));
    } catch (RejectedExecutionException e) {
      begun.abandon();
      throw new ContainerFailedException(who + ": commit refused: the committer is closed", e);
    }
    return done;
  }

  /**
   * Lets a commit in flight end (on a failure path for at most {@value #CLOSE_WAIT_MS} ms, then
   * interrupts it) and stops the committer thread.
   */
  @Override
  public void close() {
    if (background == null) {
      return;
    }
    background.shutdown();
    try {
      if (!background.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
        LOG.warn("{}: a commit still waited for the producers after {} ms; interrupting it (nothing is checkpointed"
            + " past what was acknowledged)", who, CLOSE_WAIT_MS);
        abandonNeverRun(background.shutdownNow());
      }
    } catch (InterruptedException e) {
      abandonNeverRun(background.shutdownNow());
      Thread.currentThread().interrupt();
    }
  }

  // A commit that never got to run must still let its stores' engines take writes again (a store
  // due a snapshot holds them back from the barrier on), or closing them would wait for good.
  private static void abandonNeverRun(List<Runnable> neverRun) {
    for (Runnable r : neverRun) {
      if (r instanceof BackgroundCommit c) {
        c.begun.abandon();
      }
    }
  }

  /** The end of a commit on the committer thread. */
  private static final class BackgroundCommit implements Runnable {
    final Begun begun;
    private final CompletableFuture<Void> done;
    private final Runnable onDone;

    BackgroundCommit(Begun begun, CompletableFuture<Void> done, Runnable onDone) {
      this.begun = begun;
      this.done = done;
      this.onDone = onDone;
    }

    @Override
    public void run() {
      try {
        begun.finish();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      } finally {
        onDone.run();
      }
    }
  }

  private Begun begin(List<TaskInstance> asked, boolean finalCommit) {
    long start = System.nanoTime();
    List<TaskInstance> tasks = transactionalSystem.isPresent() ? allTasks : asked;
    Set<TaskName> names = new LinkedHashSet<>();
    for (TaskInstance t : tasks) {
      names.add(t.name);
    }
    long[] flushNanos = new long[participants.size()];
    for (int i = 0; i < participants.size(); i++) {
      CommitParticipant p = participants.get(i);
      long flushStart = System.nanoTime();
      try {
        p.flush(names);
      } catch (RuntimeException e) {
        throw failure("commit failed flushing " + p.name() + "; nothing checkpointed", e);
      }
      flushNanos[i] = System.nanoTime() - flushStart;
    }
    long offsetsStart = System.nanoTime();
    // The input offsets are fixed now (no message in flight): everything processed up to here was
    // sent, and only acknowledgements are left to wait for.
    Map<TaskName, Map<SystemStreamPartition, Long>> inputOffsets = new LinkedHashMap<>();
    for (TaskInstance t : tasks) {
      Map<SystemStreamPartition, Long> offsets = new TreeMap<>();
      for (TaskInput in : t.inputs()) {
        long last = in.lastProcessed();
        if (last >= 0) {
          offsets.put(in.ssp, last);
        }
      }
      inputOffsets.put(t.name, offsets);
    }
    Begun begun = new Begun(start, tasks, names, inputOffsets, new ArrayList<>(participants.size()),
        tasks.stream().map(TaskInstance::reachedEnd).toList());
    long barrierStart = System.nanoTime();
    for (CommitParticipant p : participants) {
      try {
        begun.pending.add(p.barrier(names, finalCommit));
      } catch (RuntimeException e) {
        begun.abandon();
        throw failure("commit failed persisting " + p.name() + "; nothing checkpointed", e);
      }
    }
    long prepareStart = System.nanoTime();
    try {
      checkpoints.prepare(inputOffsets);
    } catch (ContainerFailedException e) {
      begun.abandon();
      // A fenced or expired transaction is met here first now: named as any commit step names it.
      throw transactionFailure(e.getCause() instanceof RuntimeException cause ? cause : e).orElse(e);
    } catch (RuntimeException e) {
      begun.abandon();
      throw failure("preparing the checkpoints of " + names + " failed", e);
    }
    long end = System.nanoTime();
    for (TaskInstance t : tasks) {
      t.metrics.commitBarrier().record(end - start, TimeUnit.NANOSECONDS);
    }
    if (LOG.isDebugEnabled()) {
      StringBuilder flushes = new StringBuilder();
      for (int i = 0; i < participants.size(); i++) {
        flushes.append(i == 0 ? "" : ", ").append(participants.get(i).name()).append(' ')
            .append(millis(flushNanos[i])).append(" ms");
      }
      LOG.debug("{}: commit barrier of {} task(s) took {} ms on the run loop: flush [{}], input offsets {} ms,"
          + " participants' barrier {} ms, checkpoint prepare {} ms", who, tasks.size(), millis(end - start), flushes,
          millis(barrierStart - offsetsStart), millis(prepareStart - barrierStart),
          millis(end - prepareStart));
    }
    return begun;
  }

  /** A commit past its barrier: what it covers is fixed; it waits for the acknowledgements. */
  private final class Begun {
    final long start;
    final List<TaskInstance> tasks;
    final Set<TaskName> names;
    final Map<TaskName, Map<SystemStreamPartition, Long>> inputOffsets;
    final List<CommitParticipant.Pending> pending;
    /** Per task (same order), whether it had reached its end at the barrier. */
    final List<Boolean> reachedEnd;

    Begun(long start, List<TaskInstance> tasks, Set<TaskName> names,
        Map<TaskName, Map<SystemStreamPartition, Long>> inputOffsets, List<CommitParticipant.Pending> pending,
        List<Boolean> reachedEnd) {
      this.start = start;
      this.tasks = tasks;
      this.names = names;
      this.inputOffsets = inputOffsets;
      this.pending = pending;
      this.reachedEnd = reachedEnd;
    }

    void abandon() {
      pending.forEach(CommitParticipant.Pending::abandon);
    }

    void finish() {
      // The barrier's slow local work (local snapshots) first, off the run loop when the commit
      // overlaps processing: the stores hold their engine writes back until it is done.
      for (int i = 0; i < pending.size(); i++) {
        try {
          pending.get(i).offBarrier();
        } catch (RuntimeException e) {
          abandon();
          throw failure("commit failed persisting " + participants.get(i).name() + "; nothing checkpointed", e);
        }
      }
      try {
        if (transactionalSystem.isPresent() && participants.isEmpty()) {
          // Exactly-once with no store: no checkpoint needs an acknowledged changelog offset, and
          // committing the transaction waits for every send in it, so the outputs' acknowledgements
          // are awaited once, together with the checkpoint records', instead of twice.
          producers.checkNoFailure();
        } else {
          producers.flush();
        }
      } catch (SendFailedException e) {
        abandon();
        throw transactionFailure(e).orElseGet(() ->
            new ContainerFailedException(who + ": " + e.getMessage() + "; not checkpointing past it", e.getCause()));
      } catch (RuntimeException e) {
        abandon();
        throw failure("commit failed flushing the producers; nothing checkpointed", e);
      }
      Map<TaskName, Map<String, Long>> changelogOffsets = new HashMap<>();
      for (int i = 0; i < pending.size(); i++) {
        try {
          pending.get(i).afterFlush().forEach((task, stores) ->
              changelogOffsets.computeIfAbsent(task, x -> new TreeMap<>()).putAll(stores));
        } catch (RuntimeException e) {
          pending.subList(i + 1, pending.size()).forEach(CommitParticipant.Pending::abandon);
          throw failure("commit failed persisting " + participants.get(i).name() + "; nothing checkpointed", e);
        }
      }
      Map<SystemStreamPartition, Long> all = new HashMap<>();
      List<Checkpoint> written = new ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        TaskInstance t = tasks.get(i);
        Map<SystemStreamPartition, Long> offsets = inputOffsets.get(t.name);
        offsets.forEach((ssp, last) -> all.merge(ssp, last, Math::min)); // broadcast inputs: the slowest task
        written.add(new Checkpoint(t.name, offsets, changelogOffsets.getOrDefault(t.name, Map.of()),
            reachedEnd.get(i)));
      }
      try {
        checkpoints.write(written);
      } catch (ContainerFailedException e) {
        throw e; // the transaction's own failure, already naming the container and the cause
      } catch (RuntimeException e) {
        throw failure("writing the checkpoints of " + names + " failed", e);
      }
      LOG.debug("{}: checkpointed {}", who, written);
      // Under exactly-once the transaction carried the group offsets of its own system's inputs.
      transactionalSystem.ifPresent(system -> all.keySet().removeIf(ssp -> ssp.getSystem().equals(system)));
      if (!all.isEmpty()) {
        groupOffsets.commit(all);
      }
      long took = System.nanoTime() - start;
      for (TaskInstance t : tasks) {
        t.metrics.commit().record(took, TimeUnit.NANOSECONDS);
      }
    }
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }

  private ContainerFailedException failure(String what, RuntimeException e) {
    return transactionFailure(e).orElseGet(() -> new ContainerFailedException(who + ": " + what + ": " + e, e));
  }

  // Under exactly-once, a send or commit refused because this producer was fenced (or its
  // transaction expired) says so, whichever step met it first.
  private Optional<ContainerFailedException> transactionFailure(RuntimeException e) {
    return producers.transaction().filter(t -> TransactionalProducer.isFencing(e)).map(t ->
        new ContainerFailedException(who + ": exactly-once: the commit failed: "
            + TransactionalProducer.explain(e, t.settings()), e));
  }
}
