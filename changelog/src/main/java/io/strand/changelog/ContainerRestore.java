package io.strand.changelog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strand.changelog.local.StoreDirLayout;
import io.strand.changelog.restore.RestoreResult;
import io.strand.container.TaskName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore phase of a container's start, once per {@link ContainerStorage}: moves local state
 * left in the old layout, closes the start's admin clients, runs the {@link RestorePipeline} over
 * every store instance with the checkpointed offsets, times the phase
 * ({@value ContainerStorage#RESTORE_TIME}) and logs the container's one restore line (each
 * instance's own is at DEBUG). On a failure every instance opened so far is closed again, so no
 * store stays open behind a failed start.
 *
 * <p>Threading: the run-loop thread; {@link #run} uses the pipeline's own bounded pools and
 * returns when they have stopped.
 */
final class ContainerRestore {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerRestore.class);

  private final StorageSettings settings;
  private final String containerId;
  private final StoreInstances instances;
  private final StoreDirLayout loggedLayout;
  private final StartAdmins admins;
  private final InstanceRestorer restorer;
  private final Timer restoreTime;
  private boolean begun;

  /**
   * The restore of one container; registers the restore timer.
   *
   * @param settings the container's storage settings (job name, isolation, restore threads)
   * @param containerId the container's id
   * @param clients the restore consumers' maker
   * @param registry where the timer and the instances' restore meters go
   * @param instances the container's store instances
   * @param loggedLayout where logged stores keep local state, and where the old layout had it
   * @param admins the start's admin clients, closed once the restore begins (the topic work is done)
   */
  ContainerRestore(StorageSettings settings, String containerId, ChangelogClients clients, MeterRegistry registry,
      StoreInstances instances, StoreDirLayout loggedLayout, StartAdmins admins) {
    this.settings = settings;
    this.containerId = containerId;
    this.instances = instances;
    this.loggedLayout = loggedLayout;
    this.admins = admins;
    this.restorer = new InstanceRestorer(clients, settings.restoreIsolation(), registry, settings.jobName(),
        containerId);
    this.restoreTime = Timer.builder(ContainerStorage.RESTORE_TIME)
        .description("wall time of the container's restore phase: every store restored (in parallel) and trimmed")
        .tags("job", settings.jobName(), "container", containerId).register(registry);
  }

  /**
   * Whether {@link #run} was called, whatever its outcome: the stores are handed out only then.
   *
   * @return true once the restore began
   */
  boolean begun() {
    return begun;
  }

  /**
   * Restores every instance (see {@link ContainerStorage#restoreAll(Map, Set)}).
   *
   * @param checkpointed per task, per store, the checkpointed changelog offset
   * @param toChangelogEnd tasks whose stores without a checkpointed offset are restored to the end
   *     of their changelogs
   * @return what was done per store instance, task by task
   * @throws io.strand.changelog.restore.ChangelogRestoreException if a restore fails; every store
   *     opened so far is closed again
   * @throws IllegalStateException if called twice
   * @throws java.io.UncheckedIOException if local state in the old layout cannot be moved
   */
  List<RestoreResult> run(Map<TaskName, Map<String, Long>> checkpointed, Set<TaskName> toChangelogEnd) {
    if (begun) {
      throw new IllegalStateException("container '" + containerId + "' has already restored its stores");
    }
    begun = true;
    long start = System.nanoTime();
    moveFromOldLayout();
    List<StoreInstance> all = instances.all();
    Map<StoreInstance, Long> offsets = new HashMap<>();
    Set<StoreInstance> toEnd = new HashSet<>();
    for (StoreInstance instance : all) {
      if (toChangelogEnd.contains(instance.task())) {
        toEnd.add(instance);
      }
      Long offset = checkpointed.getOrDefault(instance.task(), Map.of()).get(instance.storeName());
      if (offset != null) {
        offsets.put(instance, offset);
      }
    }
    admins.close(); // the start's topic work is done
    String job = settings.jobName();
    LOG.info("Restoring {} store(s), {} instance(s) of container '{}' (job '{}') on up to {} thread(s)",
        instances.storeNames().size(), all.size(), containerId, job, settings.restoreThreads());
    List<RestoreResult> results;
    try (RestoreConsumers consumers = restorer.consumers()) {
      results = RestorePipeline.run(restorer, consumers, all, offsets, toEnd, settings.restoreThreads(),
          "strand-restore-" + containerId);
    } catch (RuntimeException e) {
      instances.closeAll();
      throw e;
    }
    long elapsed = System.nanoTime() - start;
    restoreTime.record(elapsed, TimeUnit.NANOSECONDS);
    long records = results.stream().mapToLong(RestoreResult::restoredRecords).sum();
    long trimmed = results.stream().mapToLong(RestoreResult::trimmedKeys).sum();
    long reused = results.stream().filter(RestoreResult::reusedLocalState).count();
    long elapsedMs = elapsed / 1_000_000;
    // The container's one restore line; each instance's own (open, replay, trim) is at DEBUG.
    LOG.info("Restored {} store(s), {} instance(s) of container '{}' (job '{}') in {} ms: {} records replayed ({}"
        + " records/s), {} reused local snapshot(s), {} keys trimmed", instances.storeNames().size(), results.size(),
        containerId, job, elapsedMs, records, records * 1000 / Math.max(1, elapsedMs), reused, trimmed);
    return results;
  }

  // One INFO line for the container, however many instances moved; they are listed at DEBUG.
  private void moveFromOldLayout() {
    List<Path> moved = new ArrayList<>();
    for (LoggedStoreInstance instance : instances.logged()) {
      if (instance.local().isPresent()) {
        Optional<Path> from = loggedLayout.moveFromOldLayout(instance.storeName(), instance.task(),
            instance.partition().topic(), instance.partition().partition());
        from.ifPresent(old -> {
          moved.add(old);
          LOG.debug("Moved the local state of {} from {} to {}", instance.label(), old, instance.dir());
        });
      }
    }
    if (!moved.isEmpty()) {
      LOG.info("Moved the local state of {} store instance(s) of container '{}' (job '{}') from the old layout"
          + " <base dir>/<store>/<task>/ to {}/<store>/<task>/, to be reused", moved.size(), containerId,
          settings.jobName(), loggedLayout.jobDir());
    }
  }
}
