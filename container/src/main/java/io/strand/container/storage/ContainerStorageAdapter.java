package io.strand.container.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.changelog.ContainerStorage;
import io.strand.changelog.StorageSettings;
import io.strand.changelog.StoreCommit;
import io.strand.changelog.StoreDefinition;
import io.strand.changelog.TaskStorage;
import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StorageConfig;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointManager;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.TaskModel;
import io.strand.container.output.ProducerPool;
import io.strand.container.runloop.CommitParticipant;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's side of its local state: the changelog module's {@link ContainerStorage} (every
 * configured store of every task, their changelogs and the RocksDB memory they share), assembled
 * from the job config and the container's model, clients and producers, and wired into the
 * container's lifecycle:
 *
 * <ol>
 *   <li>{@link #create}: resolves the storage settings once ({@link StorageSettings#fromConfig});</li>
 *   <li>after the producers and before any task's {@code init}: {@link #createOrCheckChangelogs},
 *       then (once the container has decided where tasks without a checkpoint resume, which may
 *       ask {@link #earlierRunEvidence}) {@link #restore} of every store up to its task's
 *       checkpointed changelog offset (reusing local snapshots, trimming writes after the
 *       checkpoint), then {@link #checkpointReseeded};</li>
 *   <li>{@link #store} backs {@code TaskContext.getStore};</li>
 *   <li>every commit, as a {@link CommitParticipant}: {@link #flush} (store caches into the shared
 *       producer), {@link #barrier} (due snapshots), and once the producer acknowledged the
 *       barrier's sends, its step's {@code afterFlush} (snapshots named, {@code OFFSET} files,
 *       the changelog offsets for the checkpoints, then the {@link StorePersistHook}s);</li>
 *   <li>{@link #close} after the tasks and before the producers.</li>
 * </ol>
 *
 * <p>Threading: the container's thread (start, close) and the run loop thread (commits, and
 * {@link #store} from {@code init}); never concurrently, except the end of a commit
 * ({@code afterFlush}), which may run on the committer's thread while the run loop processes.
 */
public final class ContainerStorageAdapter implements CommitParticipant, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerStorageAdapter.class);

  private final ContainerStorage storage;
  private final List<StorePersistHook> hooks;
  private final String who;
  private final AtomicLong commits = new AtomicLong();

  private ContainerStorageAdapter(ContainerStorage storage, List<StorePersistHook> hooks, String who) {
    this.storage = storage;
    this.hooks = hooks;
    this.who = who;
  }

  /**
   * The storage of a container, when the job configures any store ({@code stores.<name>.factory}).
   * Resolves every store setting and allocates the RocksDB memory; opens no store and contacts no
   * broker.
   *
   * @param config the whole job config
   * @param jobName the job name: meter tags, log lines, the store directory
   * @param jobId the job id: the store directory
   * @param container this container's model
   * @param systems the job's Kafka systems, for restore consumers and admin clients
   * @param producers the container's producers; changelog writes share them with outputs
   * @param clientPrefix prefix of the Kafka client ids, naming job and container
   * @param registry where store, restore and RocksDB meters go
   * @param who "job ... container ..." for log lines
   * @return the storage, or empty when the job has no store
   * @throws io.strand.config.ConfigException if a store's factory, serdes or changelog is
   *     misconfigured
   */
  public static Optional<ContainerStorageAdapter> create(Config config, String jobName, String jobId,
      ContainerModel container, KafkaSystems systems, ProducerPool producers, String clientPrefix,
      MeterRegistry registry, String who) {
    if (new StorageConfig(config).getStoreNames().isEmpty()) {
      return Optional.empty();
    }
    StorageSettings settings = StorageSettings.fromConfig(config, jobName, jobId);
    checkContainerWide(config, settings);
    List<TaskStorage> tasks = container.tasks().stream()
        .map(t -> new TaskStorage(t.taskName(), t.changelogPartition().id())).toList();
    List<StorePersistHook> hooks = ServiceLoader.load(StorePersistHook.Provider.class).stream()
        .flatMap(p -> p.get().forContainer(config, who).stream()).toList();
    ContainerStorage storage = ContainerStorage.builder(settings, container.id())
        .tasks(tasks)
        .clients(new ContainerChangelogClients(systems, producers, clientPrefix))
        .meterRegistry(registry)
        .build();
    return Optional.of(new ContainerStorageAdapter(storage, hooks, who));
  }

  /**
   * A container-wide store ({@code stores.<s>.scope=container}) is one object store, with a cache
   * that is not thread-safe, handed to every task: only tasks that run on the run loop thread one
   * at a time may share it.
   *
   * @throws io.strand.config.ConfigException naming {@code stores.<s>.scope} when the tasks run on
   *     a thread pool ({@code job.container.thread.pool.size} &gt; 0)
   */
  static void checkContainerWide(Config config, StorageSettings settings) {
    if (new JobConfig(config).getContainerThreadPoolSize() == 0) {
      return;
    }
    for (StoreDefinition store : settings.stores()) {
      if (store.containerWide()) {
        throw config.problem(StorageConfig.storeKey(store.name(), StorageSettings.SCOPE), "a container-wide store"
            + " is shared by tasks that must run one at a time, but " + JobConfig.JOB_CONTAINER_THREAD_POOL_SIZE
            + " > 0 runs them on a thread pool; use scope 'task' or a pool size of 0");
      }
    }
  }

  /**
   * Creates the missing changelog topics and checks the existing ones.
   *
   * @param taskCount the job's task count over all containers (the changelog partitions needed)
   * @throws io.strand.changelog.topic.ChangelogValidationException if a changelog topic is not
   *     compacted or has too few partitions (naming it): the container must not start
   */
  public void createOrCheckChangelogs(int taskCount) {
    storage.validateOrCreateChangelogs(taskCount);
  }

  /**
   * What shows that tasks have run before: non-empty changelog partitions, local {@code OFFSET}
   * files (see {@link ContainerStorage#earlierRunEvidence}). After {@link #createOrCheckChangelogs}.
   *
   * @param tasks tasks of this container
   * @return one line per finding; empty when there is none
   */
  public List<String> earlierRunEvidence(Set<TaskName> tasks) {
    return storage.earlierRunEvidence(tasks);
  }

  /**
   * Restores every store of every task. After {@link #createOrCheckChangelogs}.
   *
   * @param containerModel this container's model
   * @param checkpoints the last checkpoint of each task that has one
   * @param toChangelogEnd tasks without a checkpoint that resume from recovered offsets: their
   *     stores are restored to the end of their changelogs, nothing trimmed
   * @return what each store instance's restore did
   * @throws io.strand.changelog.restore.ChangelogRestoreException if a restore fails
   */
  public List<RestoreResult> restore(ContainerModel containerModel, Map<TaskName, Checkpoint> checkpoints,
      Set<TaskName> toChangelogEnd) {
    Map<TaskName, Map<String, Long>> changelogOffsets = new HashMap<>();
    for (TaskModel t : containerModel.tasks()) {
      Checkpoint cp = checkpoints.get(t.taskName());
      if (cp != null) {
        changelogOffsets.put(t.taskName(), cp.changelogOffsets());
      }
    }
    List<RestoreResult> results = storage.restoreAll(changelogOffsets, toChangelogEnd);
    for (RestoreResult r : results) {
      LOG.debug("{}: restored store '{}' of task '{}': {} records in {} ms, {}, {} keys trimmed", who, r.store(),
          r.task().name(), r.restoredRecords(), r.elapsedMs(), describe(r), r.trimmedKeys());
    }
    return results;
  }

  /**
   * After {@link #restore}: when a store was re-seeded from its local snapshot because its
   * changelog lost the checkpointed records ({@code stores.<s>.changelog.recover=local}), flushes
   * the producers and writes a checkpoint for each such task naming the new changelog's offsets
   * (input offsets unchanged), before any input is processed; then drops the local snapshots that
   * belonged to the lost changelog.
   *
   * @param flushProducers flushes the container's producers (every re-seed write acknowledged)
   * @param checkpointManager where the checkpoints go
   * @param checkpoints the checkpoints the container starts from
   * @return those checkpoints with the re-seeded tasks' new ones
   * @throws RuntimeException if a re-seed write or the checkpoint write fails
   */
  public Map<TaskName, Checkpoint> checkpointReseeded(Runnable flushProducers, CheckpointManager checkpointManager,
      Map<TaskName, Checkpoint> checkpoints) {
    if (!storage.hasReseeded()) {
      return checkpoints;
    }
    flushProducers.run();
    Map<TaskName, Map<String, Long>> offsets = storage.reseededOffsets();
    Map<TaskName, Checkpoint> updated = new HashMap<>(checkpoints);
    List<Checkpoint> fresh = new ArrayList<>();
    offsets.forEach((task, changelogOffsets) -> {
      Checkpoint cp = checkpoints.get(task);
      Checkpoint next = new Checkpoint(task, cp == null ? Map.of() : cp.inputOffsets(), changelogOffsets);
      fresh.add(next);
      updated.put(task, next);
    });
    checkpointManager.write(fresh);
    storage.reseedCheckpointed();
    LOG.info("{}: checkpointed the re-seeded changelogs of task(s) {} at {}", who, offsets.keySet(), offsets);
    return updated;
  }

  private static String describe(RestoreResult r) {
    if (r.changelog() == null) {
      return "no changelog (opened empty)";
    }
    String upTo = r.checkpointedOffset().isPresent() ? " up to changelog offset " + r.checkpointedOffset().getAsLong()
        : " with no checkpointed changelog offset";
    return r.reusedLocalState() ? "reused local state at changelog offset " + r.snapshotOffset().getAsLong() + upTo
        : "full restore" + upTo;
  }

  /**
   * A task's store, for {@code TaskContext.getStore}.
   *
   * @param task the task
   * @param name the store name
   * @return the store
   * @throws IllegalArgumentException if there is no such store (the message lists the configured ones)
   */
  public KeyValueStore<Object, Object> store(TaskName task, String name) {
    return storage.store(task, name);
  }

  /**
   * Every task's store handles, for queryable state ({@code io.strand.container.query}).
   *
   * @return per task, the handles by store name
   * @throws IllegalStateException before the restore or after {@link #close}
   */
  public Map<TaskName, Map<String, io.strand.kv.StoreHandle>> handles() {
    return storage.handles();
  }

  @Override
  public String name() {
    return "the stores " + storage.storeNames();
  }

  /** Commit phase 1: the committing tasks' cached writes go down, logged ones into the shared producer. */
  @Override
  public void flush(Set<TaskName> tasks) {
    storage.flushCaches(tasks);
  }

  /** The stores' dirty cache entries, over every task. */
  @Override
  public int buffered() {
    return storage.dirtyEntries();
  }

  /** Ahead of a commit: the oldest dirty cache entries go down as evictions would (at-least-once only). */
  @Override
  public int writeAhead(int max) {
    return storage.writeAhead(max);
  }

  /**
   * Commit phase 2, the barrier: fixes what the commit names; the due snapshots are taken off the
   * barrier ({@code offBarrier}, the committer's thread while the run loop processes on); their
   * names, the {@code OFFSET} files and the checkpoints' changelog offsets once the sends are
   * acknowledged.
   */
  @Override
  public Pending barrier(Set<TaskName> tasks, boolean finalCommit) {
    StoreCommit commit = storage.beginCommit(tasks, finalCommit);
    return new Pending() {
      @Override
      public void offBarrier() {
        commit.snapshot();
      }

      @Override
      public Map<TaskName, Map<String, Long>> afterFlush() {
        Map<TaskName, Map<String, Long>> offsets = commit.complete();
        long n = commits.incrementAndGet();
        for (StorePersistHook hook : hooks) {
          hook.afterStorePersist(n);
        }
        return offsets;
      }

      @Override
      public void abandon() {
        commit.abandon();
      }
    };
  }

  /** Closes every store, then the RocksDB memory they shared. */
  @Override
  public void close() {
    storage.close();
  }
}
