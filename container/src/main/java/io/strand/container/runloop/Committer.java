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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit path, run with no message in flight: commit participants (the
 * committing tasks' store caches) flush into the producers, then the checkpoint manager is handed
 * the input offsets ({@code CheckpointManager.prepare}: under exactly-once the group offsets go into
 * the transaction while the sends are in flight), then the producers are flushed and every send checked, then
 * the participants persist their state and report changelog offsets, then each task's checkpoint
 * (last processed offset per input partition, changelog offset per store) is written and
 * acknowledged, then the offsets are mirrored to the job's consumer group for tooling. A failed
 * send, persist or checkpoint write fails the container, so no checkpoint names an offset whose
 * output or state is not durable.
 *
 * <p>Under exactly-once the same steps run inside the container's open transaction, and the
 * checkpoint write commits it (see {@code TransactionalCheckpoints}): outputs, changelog records and
 * checkpoints become visible together or not at all. Since one transaction holds the outputs of
 * every task, every commit there covers every task of the container, as Kafka Streams commits all
 * tasks of a thread; a task's own commit request or end of input commits them all. A container
 * without stores skips the explicit producer flush there: the transaction's commit waits for its
 * sends anyway.
 *
 * <p>Threading: run loop thread only.
 */
final class Committer {

  private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

  private final List<CommitParticipant> participants;
  private final ProducerPool producers;
  private final CheckpointManager checkpoints;
  private final ConsumerGroupOffsets groupOffsets;
  private final String who;
  private final List<TaskInstance> allTasks;
  private final Optional<String> transactionalSystem;

  Committer(List<CommitParticipant> participants, ProducerPool producers, CheckpointManager checkpoints,
      ConsumerGroupOffsets groupOffsets, String who, List<TaskInstance> allTasks) {
    this.allTasks = List.copyOf(allTasks);
    this.transactionalSystem = producers.transaction().map(t -> t.settings().system());
    this.participants = List.copyOf(participants);
    this.producers = producers;
    this.checkpoints = checkpoints;
    this.groupOffsets = groupOffsets;
    this.who = who;
  }

  /**
   * Commits the given tasks.
   *
   * @param asked the tasks whose checkpoints to write; under exactly-once every task's are
   * @param finalCommit true for the tasks' last commit (clean stop, end of input), when the
   *     stores also take a local snapshot whatever its interval
   * @throws ContainerFailedException if a participant, a send or a checkpoint write failed
   */
  void commit(List<TaskInstance> asked, boolean finalCommit) {
    long start = System.nanoTime();
    List<TaskInstance> tasks = transactionalSystem.isPresent() ? allTasks : asked;
    Set<TaskName> names = new LinkedHashSet<>();
    for (TaskInstance t : tasks) {
      names.add(t.name);
    }
    for (CommitParticipant p : participants) {
      try {
        p.flush(names);
      } catch (RuntimeException e) {
        throw failure("commit failed flushing " + p.name() + "; nothing checkpointed", e);
      }
    }
    // The input offsets are fixed now (no message in flight): the checkpoint manager may start on
    // them while the producers' acknowledgements are awaited.
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
    try {
      checkpoints.prepare(inputOffsets);
    } catch (ContainerFailedException e) {
      // A fenced or expired transaction is met here first now: named as any commit step names it.
      throw transactionFailure(e.getCause() instanceof RuntimeException cause ? cause : e).orElse(e);
    } catch (RuntimeException e) {
      throw failure("preparing the checkpoints of " + names + " failed", e);
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
      throw transactionFailure(e).orElseGet(() ->
          new ContainerFailedException(who + ": " + e.getMessage() + "; not checkpointing past it", e.getCause()));
    } catch (RuntimeException e) {
      throw failure("commit failed flushing the producers; nothing checkpointed", e);
    }
    Map<TaskName, Map<String, Long>> changelogOffsets = new HashMap<>();
    for (CommitParticipant p : participants) {
      try {
        p.afterFlush(names, finalCommit).forEach((task, stores) ->
            changelogOffsets.computeIfAbsent(task, x -> new TreeMap<>()).putAll(stores));
      } catch (RuntimeException e) {
        throw failure("commit failed persisting " + p.name() + "; nothing checkpointed", e);
      }
    }
    Map<SystemStreamPartition, Long> all = new HashMap<>();
    List<Checkpoint> written = new ArrayList<>(tasks.size());
    for (TaskInstance t : tasks) {
      Map<SystemStreamPartition, Long> offsets = inputOffsets.get(t.name);
      offsets.forEach((ssp, last) -> all.merge(ssp, last, Math::min)); // broadcast inputs: the slowest task
      written.add(new Checkpoint(t.name, offsets, changelogOffsets.getOrDefault(t.name, Map.of()), t.reachedEnd()));
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
