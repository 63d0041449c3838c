package io.strand.changelog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.strand.changelog.local.LocalStatePlan;
import io.strand.changelog.local.LocalStatePlanner;
import io.strand.changelog.local.LocalStoreDir;
import io.strand.changelog.local.OffsetFile;
import io.strand.changelog.restore.ChangelogReplayer;
import io.strand.changelog.restore.ChangelogRestoreException;
import io.strand.changelog.restore.RestoreProgress;
import io.strand.changelog.restore.RestoreResult;
import io.strand.changelog.restore.Trimmer;
import io.strand.config.view.ChangelogRecovery;
import io.strand.config.view.StorageConfig;
import io.strand.kv.StoreHandle;
import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.StoreCorruptedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and restores one store instance, in three steps that {@link RestorePipeline} runs on
 * different threads: {@link #prepare} decides whether a local snapshot can be reused
 * ({@link LocalStatePlanner}), opens the engine (wiping and starting empty if the snapshot turns
 * out corrupted) and starts a bulk load when restoring from empty; {@link #replay} reads the
 * changelog up to the checkpointed offset; {@link #finish} ends the bulk load and trims the writes
 * after the checkpoint ({@link Trimmer}).
 *
 * <p>Threading: the restorer is immutable and shared by the restore threads; each step of an
 * instance runs on one thread, and the steps of an instance are handed over through futures.
 * {@link #replay} uses the calling thread's consumer from {@link RestoreConsumers}.
 */
final class InstanceRestorer {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceRestorer.class);

  private final ChangelogClients clients;
  private final IsolationLevel isolation;
  private final MeterRegistry registry;
  private final String job;
  private final String container;

  InstanceRestorer(ChangelogClients clients, IsolationLevel isolation, MeterRegistry registry, String job,
      String container) {
    this.clients = clients;
    this.isolation = isolation;
    this.registry = registry;
    this.job = job;
    this.container = container;
  }

  /**
   * The restore consumer's settings: large batches for throughput, byte arrays, no group.
   *
   * @param clientId the consumer's client id
   * @param isolation read_committed under exactly-once, else read_uncommitted
   * @return the settings to apply over the system's own
   */
  static Map<String, Object> consumerOverrides(String clientId, IsolationLevel isolation) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
    // A restore reads a backlog, so every fetch fills up to the max bytes anyway. A fetch at the
    // end of a partition has nothing to return and the broker holds it for fetch.max.wait.ms, and
    // the next store's offset lookups on the same connection queue behind it: keep it short.
    props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return props;
  }

  /** Opens a store that has no changelog, in an emptied directory: nothing says what its old files match. */
  RestoreResult openUnlogged(UnloggedStoreInstance instance) {
    long start = System.nanoTime();
    deleteRecursively(instance.dir());
    instance.open(instance.dir());
    return new RestoreResult(instance.storeName(), instance.task(), null, OptionalLong.empty(), OptionalLong.empty(), 0, 0,
        (System.nanoTime() - start) / 1_000_000, null);
  }

  /**
   * The restore consumers of one {@code restoreAll}, one per thread and system.
   *
   * @return consumers to close when the restore is over
   */
  RestoreConsumers consumers() {
    return new RestoreConsumers(clients, isolation, "strand-restore-" + job + "-" + container);
  }

  /**
   * A changelog partition's offsets when the restore began.
   *
   * @param logStart the first offset the partition still has
   * @param end the offset after its last record
   */
  record Range(long logStart, long end) {
    /**
     * Whether the partition holds no record.
     *
     * @return true when the log start is at (or past) the end
     */
    boolean isEmpty() {
      return logStart >= end;
    }
  }

  /**
   * Looks up the log start and end offsets of every changelog partition of {@code instances} at
   * once: one request of each kind per system instead of two per store instance.
   *
   * @param instances logged instances
   * @param consumers gives the calling thread's consumer per system
   * @return the range of each instance's changelog partition
   */
  static Map<TopicPartition, Range> lookUpRanges(List<LoggedStoreInstance> instances, RestoreConsumers consumers) {
    Map<String, List<TopicPartition>> bySystem = new TreeMap<>();
    instances.forEach(i -> bySystem.computeIfAbsent(i.changelog().system(), s -> new ArrayList<>()).add(i.partition()));
    Map<TopicPartition, Range> ranges = new HashMap<>();
    for (Map.Entry<String, List<TopicPartition>> e : bySystem.entrySet()) {
      Consumer<byte[], byte[]> consumer = consumers.forCurrentThread(e.getKey());
      // A consumer's offset lookups update its assigned partitions' watermarks, and warn once per
      // partition that is not assigned: assign them for the lookups, then leave the consumer as found
      // (it fetches nothing, it is never polled while they are assigned).
      consumer.assign(e.getValue());
      try {
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(e.getValue());
        Map<TopicPartition, Long> ends = consumer.endOffsets(e.getValue());
        e.getValue().forEach(tp -> ranges.put(tp, new Range(starts.get(tp), ends.get(tp))));
      } finally {
        consumer.unsubscribe();
      }
    }
    return ranges;
  }

  /**
   * What {@link #prepare} leaves for {@link #replay}: the instance open on its local state, and
   * the changelog offsets to read.
   *
   * @param instance the opened instance
   * @param checkpointed the checkpointed changelog offset, or null
   * @param plan what was done with the local state
   * @param from the first offset to read
   * @param upTo the last offset to write to the engine ({@code from - 1} for none)
   * @param end the partition's end offset when the restore began
   * @param bulk whether the engine is in bulk-load mode until {@link #finish}
   * @param reseed whether the instance was opened from its local snapshot because the changelog lost
   *     the checkpointed records, and {@link #finish} writes every key to the changelog again
   * @param prepareNanos how long preparing took, in ns
   * @param progress the replay's meters, registered here so that the records the container has to
   *     restore are known (and shown as progress) before the replays get to every instance
   */
  record Prepared(LoggedStoreInstance instance, Long checkpointed, LocalStatePlan plan, long from, long upTo, long end,
      boolean bulk, boolean reseed, long prepareNanos, RestoreProgress progress) {}

  /**
   * What {@link #replay} leaves for {@link #finish}.
   *
   * @param prepared the prepared instance
   * @param replay what the replay found
   * @param progress its meters, not yet finished
   */
  record Replayed(Prepared prepared, ChangelogReplayer.Replay replay, RestoreProgress progress) {}

  /**
   * Step 1, on any restore thread: checks the checkpoint against the changelog, decides about the
   * local state, opens the instance and, for a full restore, starts the engine's bulk load.
   *
   * <p>A task without a checkpoint whose inputs resume from recovered offsets (the job's consumer
   * group, or {@code strand.checkpoint.missing=offset-default}) has its stores restored to the end
   * of their changelogs ({@code toChangelogEnd}): nothing says which writes the resumed offsets
   * cover, and wiping them would lose state the changelog still holds.
   *
   * @param instance a logged instance
   * @param checkpointed its checkpointed changelog offset, or null
   * @param toChangelogEnd with no checkpointed offset: restore every record of the changelog and
   *     trim nothing, instead of restoring nothing and trimming every record
   * @param range its changelog partition's offsets
   * @return the opened instance and what to read
   * @throws ChangelogRestoreException if the checkpoint names an offset the changelog does not
   *     have and the store cannot be recovered from its local snapshot (see {@link #prepareRecovery})
   */
  Prepared prepare(LoggedStoreInstance instance, Long checkpointed, boolean toChangelogEnd, Range range) {
    long start = System.nanoTime();
    boolean toEnd = checkpointed == null && toChangelogEnd && range.end() > range.logStart();
    if (toEnd) {
      checkpointed = range.end() - 1;
    }
    if (checkpointed != null && checkpointed >= range.end()) {
      return prepareRecovery(instance, checkpointed, range, start);
    }
    LocalStatePlan plan = openLocal(instance, checkpointed, range.logStart());
    long from = plan.reuse().map(s -> s.offset() + 1).orElse(range.logStart());
    long upTo = checkpointed == null ? from - 1 : Math.max(from - 1, checkpointed);
    LOG.debug("Restoring {} (job '{}', container '{}'): {}{}", instance.label(), job, container,
        toEnd ? "no checkpoint, restoring to the changelog's end: " : "",
        describe(plan, checkpointed, from, upTo, range.logStart(), range.end()));
    boolean bulk = plan.isFullRestore() && upTo >= from;
    if (bulk) {
      instance.handle().engine().beginBulkLoad();
    }
    return new Prepared(instance, checkpointed, plan, from, upTo, range.end(), bulk, false,
        System.nanoTime() - start, progress(instance, upTo - from + 1));
  }

  /**
   * The checkpoint names a changelog offset the partition does not have: the changelog was deleted
   * or recreated while the job was stopped. With {@code stores.<s>.changelog.recover=local} the
   * instance opens from its local snapshot at exactly that offset (the checkpointed state), reads
   * nothing, and {@link #finish} writes every key to the changelog again; otherwise, or without
   * such a snapshot, the restore fails naming the key and the snapshot found or missing.
   */
  private Prepared prepareRecovery(LoggedStoreInstance instance, long checkpointed, Range range, long start) {
    String key = StorageConfig.storeKey(instance.storeName(), StorageConfig.CHANGELOG_RECOVER);
    String lost = "the checkpoint names changelog offset " + checkpointed + " but the partition ends at offset "
        + (range.end() - 1) + " (was the changelog topic deleted or recreated?)";
    Optional<OffsetFile> offsetFile = Optional.empty();
    LocalStatePlan plan;
    if (instance.local().isEmpty()) {
      plan = LocalStatePlan.wipe("its engine keeps no local state");
    } else {
      String unreadable = null;
      try {
        offsetFile = OffsetFile.read(instance.local().get().offsetFile());
      } catch (IOException e) {
        unreadable = e.getMessage();
      }
      plan = LocalStatePlanner.planRecovery(offsetFile, unreadable, instance.partition().topic(),
          instance.partition().partition(), checkpointed, instance.local().get()::isIntact);
    }
    if (instance.definition().changelogRecovery() != ChangelogRecovery.LOCAL) {
      throw new ChangelogRestoreException("cannot restore " + instance.label() + ": " + lost + ". "
          + (plan.reuse().isPresent()
              ? "Its local snapshot at that offset (in " + instance.dir() + ") holds the checkpointed state: set "
                  + key + "=local to restore the store from it and write it to the changelog again"
              : "Setting " + key + "=local would restore it from a local snapshot at that offset, but this host has"
                  + " none: " + plan.reason())
          + "; or start the job over with a new job.id", null);
    }
    if (plan.reuse().isEmpty()) {
      throw new ChangelogRestoreException("cannot recover " + instance.label() + " from its local state (" + key
          + "=local): " + lost + ", and " + plan.reason() + " (in " + instance.dir() + "). Run the container where"
          + " that snapshot is, or start the job over with a new job.id", null);
    }
    LocalStoreDir local = instance.local().orElseThrow();
    local.openFrom(plan.reuse().get(), offsetFile.orElseThrow());
    // Older snapshots hold older states; only this one may stand for the re-seeded state (see reseedCheckpointed).
    local.keepOnlySnapshot(instance.partition().topic(), instance.partition().partition(),
        OptionalLong.of(checkpointed));
    try {
      instance.open(local.dbDir());
    } catch (StoreCorruptedException e) {
      throw new ChangelogRestoreException("cannot recover " + instance.label() + " from its local snapshot at"
          + " changelog offset " + checkpointed + " (" + key + "=local): it is corrupted (" + e.getMessage() + ")", e);
    }
    LOG.warn("Recovering {} (job '{}', container '{}') from its local snapshot at changelog offset {}, as {}=local"
        + " asks: {}; every key of the store is written to the changelog again and checkpointed before any input",
        instance.label(), job, container, checkpointed, key, lost);
    return new Prepared(instance, checkpointed, plan, range.end(), range.end() - 1, range.end(), false, true,
        System.nanoTime() - start, progress(instance, 0));
  }

  // Registered at prepare, so the records the container has to restore are known before the replays start.
  private RestoreProgress progress(LoggedStoreInstance instance, long records) {
    Tags tags = Tags.of("job", job, "container", container, "task", instance.task().name(), "store",
        instance.storeName());
    RestoreProgress progress = new RestoreProgress(registry, tags, instance.label());
    progress.expect(records);
    return progress;
  }

  /**
   * Before step 2, on the replay thread, while step 1 may still run elsewhere: makes the thread's
   * consumer if it has none, assigns it the instance's changelog partition and learns the topic's
   * metadata, so that the replay's first fetch goes out at once.
   *
   * @param instance a logged instance
   * @param consumers gives this thread's consumer
   */
  void connect(LoggedStoreInstance instance, RestoreConsumers consumers) {
    Consumer<byte[], byte[]> consumer = consumers.forCurrentThread(instance.changelog().system());
    consumer.assign(List.of(instance.partition()));
    consumer.partitionsFor(instance.partition().topic());
  }

  /**
   * Step 2, on the replay thread that ran {@link #connect} for the instance: replays the changelog
   * into the engine.
   *
   * @param prepared the prepared instance
   * @param consumers gives this thread's consumer
   * @return what the replay found, for {@link #finish}
   * @throws ChangelogRestoreException if the changelog cannot be read
   */
  Replayed replay(Prepared prepared, RestoreConsumers consumers) {
    LoggedStoreInstance instance = prepared.instance();
    TopicPartition tp = instance.partition();
    RestoreProgress progress = prepared.progress();
    progress.start();
    if (prepared.from() >= prepared.end()) {
      // Nothing to read (an empty partition, or the local snapshot is at its end): no consumer needed.
      return new Replayed(prepared, new ChangelogReplayer.Replay(0, new HashSet<>()), progress);
    }
    Consumer<byte[], byte[]> consumer = consumers.forCurrentThread(instance.changelog().system());
    ChangelogReplayer.Replay replay = ChangelogReplayer.replay(consumer, tp, prepared.from(), prepared.upTo(),
        prepared.end(), instance.handle().engine(), progress);
    return new Replayed(prepared, replay, progress);
  }

  /**
   * Step 3, on any restore thread: ends the bulk load, trims the writes after the checkpoint and
   * records the offset the state now matches.
   *
   * @param replayed the replayed instance
   * @return what was done
   */
  RestoreResult finish(Replayed replayed) {
    Prepared prepared = replayed.prepared();
    LoggedStoreInstance instance = prepared.instance();
    StoreHandle handle = instance.handle();
    BytesStore engine = handle.engine();
    if (prepared.bulk()) {
      engine.endBulkLoad();
    }
    RestoreProgress progress = replayed.progress();
    long trimmed = Trimmer.trim(replayed.replay().keysAfterCheckpoint(), engine, handle.bytes());
    progress.trimmed(trimmed);
    if (prepared.reseed()) {
      long keys = Trimmer.reseed(engine, handle.bytes());
      // The old offsets mean nothing in the new changelog: the offset is the re-seed's, once acknowledged.
      instance.reseeded(prepared.checkpointed());
      LOG.info("Re-seeded {} (job '{}', container '{}'): {} keys of its local snapshot written to the changelog",
          instance.label(), job, container, keys);
    } else {
      instance.restoredTo(prepared.checkpointed());
    }
    long elapsedMs = progress.finish() + prepared.prepareNanos() / 1_000_000;
    long records = replayed.replay().restoredRecords();
    LOG.debug("Restored {} (job '{}', container '{}'): {} records in {} ms ({} records/s), {} keys written after the"
        + " checkpoint trimmed back", instance.label(), job, container, records, elapsedMs,
        records * 1000 / Math.max(1, elapsedMs), trimmed);
    Long checkpointed = prepared.checkpointed();
    return new RestoreResult(instance.storeName(), instance.task(), instance.partition().toString(),
        checkpointed == null ? OptionalLong.empty() : OptionalLong.of(checkpointed),
        prepared.plan().reuse().map(s -> OptionalLong.of(s.offset())).orElse(OptionalLong.empty()),
        records, trimmed, elapsedMs, prepared.plan().reason());
  }

  private static String describe(LocalStatePlan plan, Long checkpointed, long from, long upTo, long logStart,
      long end) {
    if (logStart >= end) {
      return "the changelog partition is empty";
    }
    String range = "changelog offsets " + from + ".." + upTo + " of [" + logStart + ", " + end + ")";
    if (checkpointed == null) {
      return "no checkpointed offset: nothing to replay, offsets " + logStart + ".." + (end - 1) + " to trim";
    }
    return plan.reuse().map(s -> range + " on top of the local snapshot at offset " + s.offset())
        .orElse(range + ", in full") + (end - 1 > checkpointed ? ", then trim offsets " + (checkpointed + 1) + ".."
        + (end - 1) : "");
  }

  // Opens the instance, from a snapshot when one is usable; ONE warning when local state is dropped.
  private LocalStatePlan openLocal(LoggedStoreInstance instance, Long checkpointed, long logStart) {
    if (instance.local().isEmpty()) {
      instance.open(null);
      return LocalStatePlan.wipe(null);
    }
    LocalStoreDir local = instance.local().get();
    Optional<OffsetFile> offsetFile = Optional.empty();
    String unreadable = null;
    try {
      offsetFile = OffsetFile.read(local.offsetFile());
    } catch (IOException e) {
      unreadable = e.getMessage();
    }
    LocalStatePlan plan = LocalStatePlanner.plan(offsetFile, unreadable, local.hasLiveDb(),
        instance.partition().topic(), instance.partition().partition(), checkpointed, logStart, local::isIntact);
    if (plan.reuse().isPresent()) {
      local.openFrom(plan.reuse().get(), offsetFile.orElseThrow());
      try {
        instance.open(local.dbDir());
        return plan;
      } catch (StoreCorruptedException e) {
        plan = LocalStatePlan.wipe("its snapshot at changelog offset " + plan.reuse().get().offset()
            + " is corrupted (" + e.getMessage() + ")");
      }
    }
    if (plan.reason() != null) {
      LOG.warn("Wiping the local state of {} (job '{}', container '{}') and restoring it from the changelog: {}",
          instance.label(), job, container, plan.reason());
    }
    local.wipe();
    instance.open(local.dbDir());
    return plan;
  }

  private static void deleteRecursively(Path path) {
    if (path == null) {
      return;
    }
    try {
      PathUtils.delete(path); // a file or a whole tree, links not followed; nothing if absent
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
