package io.strand.changelog;

import io.strand.container.TaskName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The way from a re-seeded changelog to a checkpoint that names it. A store recovered from its
 * local snapshot because its changelog lost the checkpointed records
 * ({@link LocalStateOpener#recover}) writes every key to the changelog again; the task's old
 * checkpoint names offsets of the lost changelog, so, before any input is processed, the task
 * checkpoints the new changelog's offsets ({@link #offsets}, once the producer acknowledged the
 * writes) and, once that checkpoint is durable, the snapshots that could be mistaken for states of
 * the new changelog are dropped ({@link #checkpointed}). Which instances are pending is each
 * instance's own state ({@link LoggedStoreInstance#reseedPending}).
 *
 * <p>Threading: the run-loop thread, after the restore.
 */
final class ReseedCheckpoints {
  private final StoreInstances instances;
  private final Collection<ChangelogSender> senders;

  /**
   * The re-seeds of a container's stores.
   *
   * @param instances the container's store instances
   * @param senders the container's changelog senders, whose failures fail {@link #offsets}
   */
  ReseedCheckpoints(StoreInstances instances, Collection<ChangelogSender> senders) {
    this.instances = instances;
    this.senders = senders;
  }

  /**
   * Whether a changelog was re-seeded and its new offsets are not yet checkpointed.
   *
   * @return true from the restore that re-seeded until {@link #checkpointed}
   */
  boolean pending() {
    return instances.logged().stream().anyMatch(LoggedStoreInstance::reseedPending);
  }

  /**
   * The changelog offsets to checkpoint for each task that has a re-seeded store, after the
   * producer flush.
   *
   * @return per task with a re-seeded store, per logged store of the task, the offset its state
   *     matches (a store with nothing to re-seed and no write is absent); empty when nothing was
   *     re-seeded
   * @throws ChangelogSendException if a re-seed write failed
   */
  Map<TaskName, Map<String, Long>> offsets() {
    senders.forEach(ChangelogSender::checkNoFailure);
    Map<TaskName, Map<String, Long>> offsets = new LinkedHashMap<>();
    for (Map.Entry<TaskName, Map<String, StoreInstance>> task : instances.byTask().entrySet()) {
      List<LoggedStoreInstance> logged = task.getValue().values().stream()
          .filter(LoggedStoreInstance.class::isInstance).map(LoggedStoreInstance.class::cast).toList();
      if (logged.stream().noneMatch(LoggedStoreInstance::reseedPending)) {
        continue;
      }
      Map<String, Long> storeOffsets = new TreeMap<>();
      for (LoggedStoreInstance instance : logged) {
        instance.takeAckedOffset().ifPresent(o -> storeOffsets.put(instance.storeName(), o));
      }
      offsets.put(task.getKey(), Map.copyOf(storeOffsets));
    }
    return offsets;
  }

  /**
   * Once the checkpoints with {@link #offsets} are durable: drops the local snapshots of the
   * re-seeded stores that could be mistaken for states of the new changelog.
   *
   * @throws java.io.UncheckedIOException if an {@code OFFSET} file cannot be rewritten
   */
  void checkpointed() {
    for (LoggedStoreInstance instance : instances.logged()) {
      if (instance.reseedPending()) {
        instance.reseedCheckpointed();
      }
    }
  }
}
