package io.strand.changelog;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.changelog.local.StoreDirLayout;
import io.strand.changelog.restore.RestoreResult;
import io.strand.changelog.topic.ChangelogTopic;
import io.strand.changelog.topic.ChangelogTopics;
import io.strand.container.TaskName;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.IsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of one container, as the container drives them. Build it with {@link #builder}, then:
 *
 * <ol>
 *   <li>at start, after the producers and before any task's {@code init}:
 *       {@link #validateOrCreateChangelogs} then {@link #restoreAll} with the checkpointed
 *       changelog offsets; then {@link #store} for {@code TaskContext.getStore};</li>
 *   <li>at every commit, with no message in flight: {@link #flushCaches} (phase 1), then
 *       {@link #beginCommit} (phase 2, the barrier: what the commit names is fixed and due local
 *       snapshots are taken); then, once the producer acknowledged every send made so far (the
 *       run loop may process meanwhile), {@link StoreCommit#complete()}, whose offsets go into each
 *       task's checkpoint record ({@link #persistAfterFlush} does both phase-2 steps after a
 *       producer flush);</li>
 *   <li>at shutdown, after the last commit and before the producer is closed: {@link #close}.</li>
 * </ol>
 *
 * <p>A store with a changelog is logged ({@link LoggedStore}), restored up to its checkpointed
 * offset, trimmed, and persisted locally at each commit; a store without one is opened empty at
 * each start and only flushed at commits. A {@linkplain StoreDefinition#containerWide container-wide}
 * store (always without a changelog) is one instance that every task's {@link #store} returns:
 * every task sees every task's writes, so it suits a table each task fills with the same records
 * of a broadcast input, which then lands once in the object cache and is encoded and written to
 * the engine once instead of once per task. It is flushed with any committing task.
 *
 * <p>Exactly-once: restore reads {@code read_committed}, so the tail a crashed container left
 * uncommitted is invisible and normally nothing is trimmed; when something is, the trim writes go
 * through the shared producer, so a transactional producer must have a transaction open during
 * {@link #restoreAll} (committed with the first checkpoint).
 *
 * <p>Local state: a logged store whose factory {@linkplain io.strand.kv.StoreFactory#keepsLocalState
 * keeps local state} is snapshotted at commits under its instance directory
 * ({@link StoreDirLayout}) and a restart replays only the changelog after the snapshot; other
 * logged stores (in-memory) are restored in full at every start. The storage owns the container's
 * RocksDB memory ({@link RocksDbContainerResources}) and frees it at {@link #close}.
 *
 * <p>The facade of parts that each own one concern: the instances ({@link StoreInstances}), the
 * restore phase ({@link ContainerRestore}), re-seeded changelogs until checkpointed
 * ({@link ReseedCheckpoints}) and a commit's second half ({@link StoreCommit}).
 *
 * <p>Threading: every method from the run-loop thread only; {@link #restoreAll} uses its own
 * bounded pools ({@link RestorePipeline}) and returns when they have stopped.
 */
public final class ContainerStorage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerStorage.class);

  /** Timer (tags {@code job}, {@code container}): wall time of the container's restore phase. */
  public static final String RESTORE_TIME = "strand.container.restore.time";

  private final StorageSettings settings;
  private final String job;
  private final String containerId;
  private final RocksDbContainerResources rocksDbMemory;
  private final Map<String, ChangelogSender> senders;
  private final StoreInstances instances;
  /** Admin clients of the start (changelogs, earlier-run evidence), closed once the restore is done. */
  private final StartAdmins admins;
  private final ContainerRestore restore;
  private final ReseedCheckpoints reseeds;
  private final long snapshotIntervalNanos;
  /** Exactly-once: commits defer logged stores' engine writes to their snapshots (see {@link #flushCaches}). */
  private final boolean exactlyOnce;
  private boolean closed;

  ContainerStorage(StorageSettings settings, String containerId, ChangelogClients clients, MeterRegistry registry,
      RocksDbContainerResources rocksDbMemory, StoreDirLayout loggedLayout, Map<String, ChangelogSender> senders,
      Map<TaskName, Map<String, StoreInstance>> instances) {
    this.settings = settings;
    this.job = settings.jobName();
    this.containerId = containerId;
    this.rocksDbMemory = rocksDbMemory;
    this.senders = senders;
    this.instances = new StoreInstances(containerId, instances);
    this.snapshotIntervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.snapshotIntervalMs());
    this.exactlyOnce = settings.restoreIsolation() == IsolationLevel.READ_COMMITTED;
    this.admins = new StartAdmins(clients);
    this.restore = new ContainerRestore(settings, containerId, clients, registry, this.instances, loggedLayout, admins);
    this.reseeds = new ReseedCheckpoints(this.instances, senders.values());
  }

  /**
   * Starts building the storage of a container.
   *
   * @param settings the container's storage settings, resolved when the container was assembled
   * @param containerId the container's id
   * @return the builder
   */
  public static ContainerStorageBuilder builder(StorageSettings settings, String containerId) {
    return new ContainerStorageBuilder(settings, containerId);
  }

  /**
   * Creates every missing changelog topic and checks the existing ones (see {@link ChangelogTopics}).
   * Call once per container start, before {@link #restoreAll}.
   *
   * @param taskCount the job's task count (all containers), which is the partitions needed
   * @throws io.strand.changelog.topic.ChangelogValidationException if a topic is not compacted or
   *     has too few partitions, or a task of this container has a changelog partition beyond it
   * @throws IllegalStateException if the cluster cannot be reached
   */
  public void validateOrCreateChangelogs(int taskCount) {
    int needed = taskCount;
    for (LoggedStoreInstance instance : instances.logged()) {
      needed = Math.max(needed, instance.partition().partition() + 1);
    }
    Map<String, List<ChangelogTopic>> bySystem = new TreeMap<>();
    settings.stores().stream().flatMap(s -> s.changelog().stream())
        .forEach(t -> bySystem.computeIfAbsent(t.system(), s -> new ArrayList<>()).add(t));
    for (Map.Entry<String, List<ChangelogTopic>> e : bySystem.entrySet()) {
      new ChangelogTopics(admins.get(e.getKey()), job).validateOrCreate(e.getValue(), needed, settings.commitMs());
    }
  }

  /**
   * Opens and restores every store of every task of the container, in parallel on
   * {@code strand.container.restore.threads} threads, then trims each logged store back to its
   * checkpoint. Call once, before any task's {@code init}. First moves local state left in the
   * layout without the job part ({@code <base dir>/<store>/<task>/}) into this job's directory
   * (see {@link StoreDirLayout#moveFromOldLayout}), so it is reused rather than restored again.
   *
   * @param checkpointed per task, per store, the changelog offset in the task's last checkpoint;
   *     a task or store missing from the map has none (nothing is restored, and every changelog
   *     record is trimmed)
   * @return what was done per store instance
   * @throws io.strand.changelog.restore.ChangelogRestoreException if a restore fails; every store
   *     opened so far is closed again
   * @throws IllegalStateException if called twice or after {@link #close}
   * @throws java.io.UncheckedIOException if local state in the old layout cannot be moved
   */
  public List<RestoreResult> restoreAll(Map<TaskName, Map<String, Long>> checkpointed) {
    return restoreAll(checkpointed, Set.of());
  }

  /**
   * As {@link #restoreAll(Map)}, with tasks that have no checkpoint but resume from recovered input
   * offsets (the job's consumer group, or {@code strand.checkpoint.missing=offset-default}): their
   * stores are restored to the end of their changelogs, reusing local snapshots, and nothing is
   * trimmed, so the state the changelog holds is kept. A store whose checkpointed changelog offset
   * the changelog no longer has is recovered from its local snapshot when its
   * {@code stores.<s>.changelog.recover=local}; then {@link #reseededOffsets} and
   * {@link #reseedCheckpointed} must follow before any input is processed.
   *
   * @param checkpointed per task, per store, the checkpointed changelog offset (as above)
   * @param toChangelogEnd tasks whose stores without a checkpointed offset are restored to the end
   *     of their changelogs instead of being trimmed empty
   * @return what was done per store instance
   * @throws io.strand.changelog.restore.ChangelogRestoreException if a restore fails; every store
   *     opened so far is closed again
   * @throws IllegalStateException if called twice or after {@link #close}
   * @throws java.io.UncheckedIOException if local state in the old layout cannot be moved
   */
  public List<RestoreResult> restoreAll(Map<TaskName, Map<String, Long>> checkpointed,
      Set<TaskName> toChangelogEnd) {
    checkOpen();
    return restore.run(checkpointed, toChangelogEnd);
  }

  /**
   * Whether {@link #restoreAll} re-seeded a changelog whose new offsets are not yet checkpointed.
   *
   * @return true until {@link #reseedCheckpointed}
   */
  public boolean hasReseeded() {
    return reseeds.pending();
  }

  /**
   * After a {@link #restoreAll} that re-seeded a changelog, and after the container flushed its
   * producer: the changelog offsets to checkpoint for each task that has a re-seeded store, so the
   * task's checkpoint names the new changelog's offsets before any input is processed (the old
   * checkpoint names offsets of the lost changelog). Call {@link #reseedCheckpointed} once that
   * checkpoint is durable.
   *
   * @return per task with a re-seeded store, per logged store of the task, the offset its state
   *     matches (a store with nothing to re-seed and no write is absent); empty when nothing was
   *     re-seeded
   * @throws ChangelogSendException if a re-seed write failed
   */
  public Map<TaskName, Map<String, Long>> reseededOffsets() {
    checkOpen();
    return reseeds.offsets();
  }

  /**
   * Once the checkpoints with {@link #reseededOffsets} are durable: drops the local snapshots of the
   * re-seeded stores that could be mistaken for states of the new changelog.
   *
   * @throws java.io.UncheckedIOException if an {@code OFFSET} file cannot be rewritten
   */
  public void reseedCheckpointed() {
    checkOpen();
    reseeds.checkpointed();
  }

  /**
   * What shows that the given tasks have run before, for a container that found neither their
   * checkpoints nor committed offsets: a non-empty changelog partition of one of their stores, or
   * an {@code OFFSET} file in one of their local store directories (written at every commit).
   * Call after {@link #validateOrCreateChangelogs}.
   *
   * @param tasks tasks of this container; others are ignored
   * @return one line per finding, for an error message; empty when there is none
   * @throws IllegalStateException if the changelogs' end offsets cannot be read
   */
  public List<String> earlierRunEvidence(Collection<TaskName> tasks) {
    checkOpen();
    return EarlierRun.evidence(instances.logged().stream().filter(i -> tasks.contains(i.task())).toList(), admins::get);
  }

  /**
   * A task's store, for {@code TaskContext.getStore}.
   *
   * @param task the task
   * @param store the store name
   * @return the object store (serialization, cache, logging)
   * @throws IllegalStateException before {@link #restoreAll} or after {@link #close}
   * @throws IllegalArgumentException if this container has no such task or store
   */
  public KeyValueStore<Object, Object> store(TaskName task, String store) {
    checkAvailable();
    return instances.get(task, store).handle().store();
  }

  /**
   * Every task's open store handles, for readers on other threads (queryable state): only the
   * handles' engines may be read from there, never the object stores (their caches belong to the
   * task thread).
   *
   * @return per task, the handles by store name
   * @throws IllegalStateException before {@link #restoreAll} or after {@link #close}
   */
  public Map<TaskName, Map<String, io.strand.kv.StoreHandle>> handles() {
    checkAvailable();
    return instances.handles();
  }

  /**
   * Commit phase 1, before the container flushes its producer: pushes the cached writes of the
   * committing tasks' stores down (logged ones to the changelog producer) and makes them durable
   * in the engine. Other tasks' stores keep their caches: their writes are not part of these
   * tasks' checkpoints, and flushing them early would only send more changelog records.
   *
   * <p>Under exactly-once a logged store's cached writes go to the changelog only (inside the
   * transaction, the durable copy) and reach its engine at the next local snapshot, which writes
   * them first ({@link io.strand.kv.StoreHandle#flushToLog}): a restore never opens the live engine,
   * only a snapshot and the committed changelog after it, so the engine's contents between
   * snapshots matter only for reads, and the cache holds those entries. A commit then costs no
   * engine write and no write-ahead-log sync per store.
   *
   * @param tasks the committing tasks; names without stores are ignored
   * @throws ChangelogSendException if a changelog write has already failed
   * @throws io.strand.kv.engine.StoreException if an engine fails
   */
  public void flushCaches(Collection<TaskName> tasks) {
    checkOpen();
    for (TaskName task : tasks) {
      for (StoreInstance instance : instances.of(task).values()) {
        if (exactlyOnce) {
          instance.flushForTransaction();
        } else {
          instance.flush();
        }
      }
    }
    senders.values().forEach(ChangelogSender::checkNoFailure);
  }

  /**
   * Entries of the stores' caches written but not yet sent down, over every task (a
   * container-wide store counted once).
   *
   * @return the dirty entries
   */
  public int dirtyEntries() {
    checkOpen();
    int n = 0;
    for (StoreInstance instance : instances.all()) {
      if (instance.isOpen()) {
        n += instance.handle().dirtyCount();
      }
    }
    return n;
  }

  /**
   * Writes up to {@code max} of the caches' oldest dirty entries down ahead of a commit, as
   * evictions write them (changelog and engine), an even share per store with dirty entries;
   * at-least-once only (see {@link io.strand.kv.layers.CachedStore#writeAhead}): under exactly-once
   * it writes nothing.
   *
   * @param max the most entries to write
   * @return the entries written
   * @throws RuntimeException what a store's layers throw (a changelog send refused, an engine
   *     write failed); the entries then stay dirty and the commit that follows fails on them
   */
  public int writeAhead(int max) {
    checkOpen();
    if (exactlyOnce || max < 1) {
      return 0;
    }
    List<StoreInstance> open = new ArrayList<>();
    for (StoreInstance instance : instances.all()) {
      if (instance.isOpen() && instance.handle().dirtyCount() > 0) {
        open.add(instance);
      }
    }
    // An even share each, so no store's slice waits behind another's.
    int written = 0;
    for (int i = 0; i < open.size() && written < max; i++) {
      int share = Math.max(1, (max - written) / (open.size() - i));
      written += open.get(i).handle().writeAhead(share);
    }
    return written;
  }

  /**
   * Commit phase 2, after the producer flush returned (every changelog write acknowledged): as
   * {@link #beginCommit} followed at once by {@link StoreCommit#complete()}.
   *
   * @param tasks the committing tasks (those given to {@link #flushCaches} just before); names
   *     without stores are ignored
   * @param finalCommit true for a task's last commit (clean stop, end of input): snapshot every
   *     store whose state moved, so a clean restart replays nothing
   * @return per committing task, per logged store, the changelog offset its state now matches; a
   *     store with no changelog write yet (and none restored) is absent
   * @throws ChangelogSendException if any changelog write failed: the commit must not happen
   * @throws io.strand.kv.engine.StoreException if a snapshot cannot be taken
   * @throws java.io.UncheckedIOException if an {@code OFFSET} file cannot be written
   */
  public Map<TaskName, Map<String, Long>> persistAfterFlush(Collection<TaskName> tasks, boolean finalCommit) {
    return beginCommit(tasks, finalCommit).complete();
  }

  /**
   * Commit phase 2 at the commit's barrier, right after {@link #flushCaches} and before the
   * producer's acknowledgements are awaited (processing may go on meanwhile): notes, per store of
   * the committing tasks, the last changelog write sent so far, and shuts the engines of the stores
   * due a local snapshot to writes, so they hold exactly those writes until the returned commit's
   * {@link StoreCommit#snapshot()} (or {@link StoreCommit#complete()}) takes the snapshots. A store is snapshotted at most once per
   * {@code strand.container.store.snapshot.interval.ms} unless {@code finalCommit}: an older
   * snapshot stays valid for a restart, which replays the changelog after it. What needs the
   * acknowledgements is left to {@link StoreCommit#complete()}.
   *
   * @param tasks the committing tasks (those given to {@link #flushCaches} just before); names
   *     without stores are ignored
   * @param finalCommit true for a task's last commit (clean stop, end of input): snapshot every
   *     store whose state moved, so a clean restart replays nothing
   * @return the commit, to complete once every producer send made so far is acknowledged
   * @throws ChangelogSendException if a changelog write already failed: the commit must not happen
   * @throws io.strand.kv.engine.StoreException if a snapshot cannot be taken
   */
  public StoreCommit beginCommit(Collection<TaskName> tasks, boolean finalCommit) {
    checkOpen();
    return StoreCommit.begin(instances.byTask(), senders.values(), tasks, snapshotIntervalNanos, finalCommit);
  }

  /**
   * The store names of this container (the same for every task).
   *
   * @return the names, sorted
   */
  public Collection<String> storeNames() {
    return instances.storeNames();
  }

  /**
   * Closes every store: each flushes its cache first (logged writes then go to the producer, which
   * must still be open; they are trimmed at the next start unless a commit follows); then frees
   * the container's RocksDB memory. Later calls do nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      admins.close();
      instances.closeAll();
    } finally {
      rocksDbMemory.close();
    }
    LOG.info("Closed the stores of container '{}' (job '{}')", containerId, job);
  }

  // Open, and the restore has begun (it opens the instances, or closes them all on failure).
  private void checkAvailable() {
    checkOpen();
    if (!restore.begun()) {
      throw new IllegalStateException("stores are available after restoreAll");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the stores of container '" + containerId + "' are closed");
    }
  }
}
