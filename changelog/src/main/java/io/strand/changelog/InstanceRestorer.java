package io.strand.changelog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.strand.changelog.local.LocalStatePlan;
import io.strand.changelog.restore.ChangelogReplayer;
import io.strand.changelog.restore.ChangelogRestoreException;
import io.strand.changelog.restore.RestoreProgress;
import io.strand.changelog.restore.RestoreResult;
import io.strand.changelog.restore.Trimmer;
import io.strand.kv.StoreHandle;
import io.strand.kv.engine.BytesStore;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and restores one store instance, in three steps that {@link RestorePipeline} runs on
 * different threads: {@link #prepare} checks the checkpoint against the changelog's
 * {@link ChangelogRange}, opens the engine on its local state ({@link LocalStateOpener}: a reusable
 * snapshot, else empty) and starts a bulk load when restoring from empty; {@link #replay} reads the
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
  private final LocalStateOpener local;

  InstanceRestorer(ChangelogClients clients, IsolationLevel isolation, MeterRegistry registry, String job,
      String container) {
    this.clients = clients;
    this.isolation = isolation;
    this.registry = registry;
    this.job = job;
    this.container = container;
    this.local = new LocalStateOpener(job, container);
  }

  /**
   * Opens a store that has no changelog, empty (see {@link LocalStateOpener#openEmpty}).
   *
   * @param instance an unlogged instance
   * @return what was done: nothing restored, nothing trimmed
   */
  RestoreResult openUnlogged(UnloggedStoreInstance instance) {
    long start = System.nanoTime();
    local.openEmpty(instance);
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
   *     have and the store cannot be recovered from its local snapshot (see {@link LocalStateOpener#recover})
   */
  Prepared prepare(LoggedStoreInstance instance, Long checkpointed, boolean toChangelogEnd, ChangelogRange range) {
    long start = System.nanoTime();
    boolean toEnd = checkpointed == null && toChangelogEnd && range.end() > range.logStart();
    if (toEnd) {
      checkpointed = range.end() - 1;
    }
    if (checkpointed != null && checkpointed >= range.end()) {
      // The changelog lost the checkpointed records: open the snapshot at that offset, read nothing,
      // and let finish write every key to the changelog again.
      LocalStatePlan recovered = local.recover(instance, checkpointed, range);
      return new Prepared(instance, checkpointed, recovered, range.end(), range.end() - 1, range.end(), false, true,
          System.nanoTime() - start, progress(instance, 0));
    }
    LocalStatePlan plan = local.open(instance, checkpointed, range.logStart());
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
}
