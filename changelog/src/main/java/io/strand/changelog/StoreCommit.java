package io.strand.changelog;

import io.strand.container.TaskName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A commit of a container's stores in two halves around the producer's acknowledgements, as the
 * asynchronous at-least-once commit (and every other commit, through
 * {@link ContainerStorage#persistAfterFlush}) runs it: {@link ContainerStorage#beginCommit} at the
 * commit's barrier fixes what the commit names (the stores due a local snapshot take no engine
 * write from then on), {@link #snapshot()} takes those snapshots off the run loop; once every
 * producer send made before the barrier was acknowledged, {@link #complete()} names those
 * snapshots by their changelog offsets and returns the offsets for the tasks' checkpoints, or
 * {@link #abandon()} drops them after the commit failed.
 *
 * <p>Threading: begun on the run-loop thread; {@link #complete()} or {@link #abandon()} once,
 * from any thread, before the next {@link ContainerStorage#beginCommit} (the caller's hand-over
 * must order them, as a future does).
 */
public final class StoreCommit {
  private final Map<TaskName, Map<String, StoreInstance.PendingPersist>> pending;
  private final List<ChangelogSender> senders;

  private StoreCommit(Map<TaskName, Map<String, StoreInstance.PendingPersist>> pending, List<ChangelogSender> senders) {
    this.pending = pending;
    this.senders = senders;
  }

  /**
   * At the barrier: notes, per store of the committing tasks, the last changelog write sent so far
   * and takes the local snapshots that are due (see {@link ContainerStorage#beginCommit}).
   *
   * @param instances the container's store instances, per task, per store name
   * @param senders the container's changelog senders
   * @param tasks the committing tasks; names without stores are ignored
   * @param snapshotIntervalNanos the least time between two local snapshots of a store
   * @param finalCommit true for a task's last commit: snapshot every store whose state moved
   * @return the begun commit
   * @throws ChangelogSendException if a changelog write already failed
   * @throws io.strand.kv.engine.StoreException if a snapshot cannot be taken; what was begun is
   *     abandoned
   */
  static StoreCommit begin(Map<TaskName, Map<String, StoreInstance>> instances, Collection<ChangelogSender> senders,
      Collection<TaskName> tasks, long snapshotIntervalNanos, boolean finalCommit) {
    long now = System.nanoTime();
    senders.forEach(ChangelogSender::checkNoFailure);
    Map<TaskName, Map<String, StoreInstance.PendingPersist>> pending = new LinkedHashMap<>();
    StoreCommit commit = new StoreCommit(pending, List.copyOf(senders));
    try {
      for (TaskName taskName : tasks) {
        Map<String, StoreInstance> stores = instances.get(taskName);
        if (stores == null) {
          continue;
        }
        Map<String, StoreInstance.PendingPersist> byStore = new TreeMap<>();
        pending.put(taskName, byStore);
        for (StoreInstance instance : stores.values()) {
          byStore.put(instance.storeName(), instance.beginPersist(now, snapshotIntervalNanos, finalCommit));
        }
      }
    } catch (RuntimeException e) {
      commit.abandon();
      throw e;
    }
    return commit;
  }

  /**
   * On the commit's thread right after the barrier, before the producer's flush: takes the local
   * snapshots the barrier found due ({@link StoreInstance.PendingPersist#snapshot()}). Until then
   * those stores' engines take no write; the run loop processes on meanwhile. {@link #complete()}
   * does it too if this was not called.
   *
   * @throws io.strand.kv.engine.StoreException if a snapshot cannot be taken; the commit is
   *     abandoned
   * @throws java.io.UncheckedIOException if a leftover pending snapshot cannot be deleted
   */
  public void snapshot() {
    try {
      pending.values().forEach(stores -> stores.values().forEach(StoreInstance.PendingPersist::snapshot));
    } catch (RuntimeException e) {
      abandon();
      throw e;
    }
  }

  /**
   * After every producer send made before the barrier was acknowledged: names the barrier's
   * snapshots by their changelog offsets, writes the {@code OFFSET} files, and returns the
   * offsets to write into each task's checkpoint.
   *
   * @return per committing task, per logged store, the changelog offset its state matched at
   *     the barrier; a store with no changelog write yet (and none restored) is absent
   * @throws ChangelogSendException if any changelog write failed (so far)
   * @throws java.io.UncheckedIOException if a snapshot cannot be moved or an {@code OFFSET}
   *     file written
   */
  public Map<TaskName, Map<String, Long>> complete() {
    Map<TaskName, Map<String, Long>> offsets = new LinkedHashMap<>();
    try {
      // Any failed changelog write fails the commit: one before the barrier that is not the last
      // of its partition would not show in that last write's result.
      senders.forEach(ChangelogSender::checkNoFailure);
      pending.forEach((task, stores) -> {
        Map<String, Long> storeOffsets = new TreeMap<>();
        stores.forEach((name, step) -> step.complete().ifPresent(o -> storeOffsets.put(name, o)));
        offsets.put(task, Map.copyOf(storeOffsets));
      });
    } catch (RuntimeException e) {
      abandon();
      throw e;
    }
    return offsets;
  }

  /** Drops what the barrier left behind after the commit failed (pending snapshots); never throws. */
  public void abandon() {
    pending.values().forEach(stores -> stores.values().forEach(StoreInstance.PendingPersist::abandon));
  }
}
