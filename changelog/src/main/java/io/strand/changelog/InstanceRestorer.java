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
import io.strand.kv.BytesStore;
import io.strand.kv.StoreCorruptedException;
import io.strand.kv.StoreHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and restores one store instance: decides whether a local snapshot can be reused
 * ({@link LocalStatePlanner}), opens the engine (wiping and starting empty if the snapshot turns
 * out corrupted), replays the changelog up to the checkpointed offset (bulk-loading when it
 * starts from empty), then trims the writes after the checkpoint ({@link Trimmer}).
 *
 * <p>Threading: {@link #restore} runs on a restore thread, one instance per call, with that
 * thread's consumer from {@link RestoreConsumers}; the restorer itself is immutable and shared.
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
  RestoreResult openUnlogged(StoreInstance instance) {
    long start = System.nanoTime();
    deleteRecursively(instance.dir());
    instance.open(instance.dir());
    return new RestoreResult(instance.store(), instance.task(), null, OptionalLong.empty(), OptionalLong.empty(), 0, 0,
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

  RestoreResult restore(StoreInstance instance, Long checkpointed, RestoreConsumers consumers) {
    TopicPartition tp = instance.partition();
    Tags tags = Tags.of("job", job, "container", container, "task", instance.task().name(), "store",
        instance.store());
    RestoreProgress progress = new RestoreProgress(registry, tags, instance.label());
    Consumer<byte[], byte[]> consumer = consumers.forCurrentThread(instance.changelog().system());
    consumer.assign(List.of(tp));
    long logStart = consumer.beginningOffsets(List.of(tp)).get(tp);
    long end = consumer.endOffsets(List.of(tp)).get(tp);
    if (checkpointed != null && checkpointed >= end) {
      throw new ChangelogRestoreException("cannot restore " + instance.label() + ": the checkpoint names changelog"
          + " offset " + checkpointed + " but the partition ends at offset " + (end - 1) + " (was the changelog"
          + " topic deleted or recreated?)", null);
    }
    LocalStatePlan plan = openLocal(instance, checkpointed, logStart);
    StoreHandle handle = instance.handle();
    BytesStore engine = handle.engine();
    long from = plan.reuse().map(s -> s.offset() + 1).orElse(logStart);
    long upTo = checkpointed == null ? from - 1 : Math.max(from - 1, checkpointed);
    progress.expect(upTo - from + 1);
    LOG.info("Restoring {} (job '{}', container '{}'): {}", instance.label(), job, container,
        describe(plan, checkpointed, from, upTo, logStart, end));
    boolean bulk = plan.isFullRestore() && upTo >= from;
    if (bulk) {
      engine.beginBulkLoad();
    }
    ChangelogReplayer.Replay replay = ChangelogReplayer.replay(consumer, tp, from, upTo, end, engine, progress);
    if (bulk) {
      engine.endBulkLoad();
    }
    long trimmed = Trimmer.trim(replay.keysAfterCheckpoint(), engine, handle.bytes());
    progress.trimmed(trimmed);
    instance.offset(checkpointed);
    long elapsedMs = progress.finish();
    LOG.info("Restored {} (job '{}', container '{}'): {} records in {} ms ({} records/s), {} keys written after the"
        + " checkpoint trimmed back", instance.label(), job, container, replay.restoredRecords(), elapsedMs,
        replay.restoredRecords() * 1000 / Math.max(1, elapsedMs), trimmed);
    return new RestoreResult(instance.store(), instance.task(), tp.toString(),
        checkpointed == null ? OptionalLong.empty() : OptionalLong.of(checkpointed),
        plan.reuse().map(s -> OptionalLong.of(s.offset())).orElse(OptionalLong.empty()),
        replay.restoredRecords(), trimmed, elapsedMs, plan.reason());
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
  private LocalStatePlan openLocal(StoreInstance instance, Long checkpointed, long logStart) {
    LocalStoreDir local = instance.local();
    if (local == null) {
      instance.open(null);
      return LocalStatePlan.wipe(null);
    }
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
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
