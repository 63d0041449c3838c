package io.strand.changelog;

import io.strand.changelog.local.LocalStoreDir;
import io.strand.changelog.topic.ChangelogTopic;
import io.strand.container.TaskName;
import io.strand.kv.StoreEnvironment;
import io.strand.kv.engine.BytesStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;

/**
 * A store instance with a changelog: every write is logged ({@link LoggedStore}) to the task's
 * partition of it, it is restored from it at start, and it tracks the changelog offset its state
 * matches. When its engine keeps local state ({@link io.strand.kv.StoreFactory#keepsLocalState}),
 * it also has a {@link LocalStoreDir} where commits leave snapshots and the {@code OFFSET} file;
 * otherwise (in-memory) it is restored in full at every start.
 *
 * <p>Threading: as {@link StoreInstance}.
 */
final class LoggedStoreInstance extends StoreInstance {

  private final ChangelogTopic changelog;
  private final TopicPartition partition;
  private final ChangelogSender sender;
  private final Optional<LocalStoreDir> local;
  /** The changelog offset the state matches: checkpointed at restore, then acknowledged. */
  private OptionalLong offset = OptionalLong.empty();
  /** {@link System#nanoTime()} of the last local snapshot; empty before the first. */
  private OptionalLong snapshotNanos = OptionalLong.empty();
  /** The lost changelog's checkpointed offset this start re-seeded from, until the new offsets are checkpointed. */
  private OptionalLong reseededFrom = OptionalLong.empty();

  /**
   * Describes an instance; nothing is opened.
   *
   * @param definition the store
   * @param task the owning task
   * @param environment the container's store environment
   * @param dir the instance directory
   * @param changelog the store's changelog
   * @param changelogPartition the task's partition of it
   * @param sender the changelog's sender
   */
  LoggedStoreInstance(StoreDefinition definition, TaskName task, StoreEnvironment environment, Path dir,
      ChangelogTopic changelog, int changelogPartition, ChangelogSender sender) {
    super(definition, task, environment, dir);
    this.changelog = Objects.requireNonNull(changelog, "changelog");
    this.partition = new TopicPartition(changelog.topic(), changelogPartition);
    this.sender = Objects.requireNonNull(sender, "sender");
    this.local = definition.factory().keepsLocalState() ? Optional.of(new LocalStoreDir(dir)) : Optional.empty();
  }

  ChangelogTopic changelog() {
    return changelog;
  }

  TopicPartition partition() {
    return partition;
  }

  /** The local snapshots and {@code OFFSET} file, or empty for an engine without local state. */
  Optional<LocalStoreDir> local() {
    return local;
  }

  @Override
  UnaryOperator<BytesStore> loggingLayer() {
    return engine -> new LoggedStore(engine, sender, partition, task());
  }

  /**
   * Records the changelog offset the restored state matches.
   *
   * @param checkpointed the checkpointed offset the restore stopped at, or null when the task has
   *     none
   */
  void restoredTo(Long checkpointed) {
    offset = checkpointed == null ? OptionalLong.empty() : OptionalLong.of(checkpointed);
  }

  /**
   * Records that the restore opened the state from the local snapshot at the lost changelog's
   * checkpointed offset and wrote every key to the changelog again: that offset means nothing in
   * the new changelog, so the offset the state matches is the re-seed's last acknowledged one
   * ({@link #takeAckedOffset}).
   *
   * @param checkpointed the lost changelog's checkpointed offset, whose snapshot was opened
   */
  void reseeded(long checkpointed) {
    offset = OptionalLong.empty();
    reseededFrom = OptionalLong.of(checkpointed);
  }

  /**
   * Whether the instance was re-seeded at this start and its new offsets are not yet checkpointed.
   *
   * @return true until {@link #reseedCheckpointed}
   */
  boolean reseedPending() {
    return reseededFrom.isPresent();
  }

  /**
   * Takes the highest acknowledged changelog offset, if it is above the one the state matched.
   *
   * @return the changelog offset the state now matches, or empty when there is none
   */
  OptionalLong takeAckedOffset() {
    OptionalLong acked = sender.ackedOffset(partition);
    if (acked.isPresent() && (offset.isEmpty() || acked.getAsLong() > offset.getAsLong())) {
      offset = acked;
    }
    return offset;
  }

  /**
   * After the checkpoint naming the re-seeded changelog's offset is durable: keeps the snapshot the
   * store was opened from only if its offset is at or below that one. It holds exactly the
   * re-seeded state, so a restore to a later checkpoint may replay the new changelog after it (the
   * records up to the new offset repeat its own values); above it, it would be taken for the state
   * at an offset the new changelog reaches only later.
   */
  void reseedCheckpointed() {
    long from = reseededFrom.orElseThrow();
    reseededFrom = OptionalLong.empty();
    OptionalLong keep = offset.isPresent() && from <= offset.getAsLong() ? OptionalLong.of(from) : OptionalLong.empty();
    local.ifPresent(l -> l.keepOnlySnapshot(partition.topic(), partition.partition(), keep));
  }

  /**
   * Takes the highest acknowledged changelog offset; then, with local state, writes the
   * {@code OFFSET} file (listing no snapshot while nothing was ever written, so a restart does not
   * take the database for unusable state) or, when due, a snapshot.
   */
  @Override
  OptionalLong persist(long nowNanos, long snapshotIntervalNanos, boolean finalCommit) {
    if (!isOpen()) {
      return OptionalLong.empty();
    }
    takeAckedOffset();
    if (offset.isEmpty()) {
      local.ifPresent(l -> l.persistEmpty(partition.topic(), partition.partition()));
      return offset;
    }
    if (local.isPresent() && (finalCommit || snapshotDue(nowNanos, snapshotIntervalNanos))) {
      local.get().persist(handle().engine(), partition.topic(), partition.partition(), offset.getAsLong());
      snapshotNanos = OptionalLong.of(nowNanos);
    }
    return offset;
  }

  private boolean snapshotDue(long now, long intervalNanos) {
    return snapshotNanos.isEmpty() || now - snapshotNanos.getAsLong() >= intervalNanos;
  }

  @Override
  String label() {
    return super.label() + " from " + partition;
  }
}
