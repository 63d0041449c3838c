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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A store instance with a changelog: every write is logged ({@link LoggedStore}) to the task's
 * partition of it, it is restored from it at start, and it tracks the changelog offset its state
 * matches. When its engine keeps local state ({@link io.strand.kv.StoreFactory#keepsLocalState}),
 * it also has a {@link LocalStoreDir} where commits leave snapshots and the {@code OFFSET} file;
 * otherwise (in-memory) it is restored in full at every start.
 *
 * <p>Threading: as {@link StoreInstance}; the {@link PendingPersist} of a commit may complete on
 * another thread, and its completion happens-before the next commit's {@link #beginPersist}.
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
  /** The last changelog write sent at the previous commit's barrier, to tell whether the state moved since. */
  private Future<RecordMetadata> lastAtBarrier;
  /** Shut from a barrier that takes a snapshot until the snapshot is taken: the engine's writes wait meanwhile. */
  private final SnapshotGate gate = new SnapshotGate();
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
    // With local state the live engine is never reopened as it is (a restore opens a copy of a
    // snapshot, or wipes it), so a commit does not sync its write-ahead log.
    return engine -> new LoggedStore(engine, sender, partition, task(), gate, local.isEmpty());
  }

  /**
   * With local state, the cached writes go into the transaction's changelog records only; the
   * engine gets them at the next local snapshot ({@link #beginPersist}), close, eviction or range
   * scan. A restore never opens the live engine (only a snapshot, then the committed changelog
   * after it), so what the engine holds between snapshots is never state that a checkpoint names.
   * An engine without local state (in memory) takes no snapshots, so it is flushed as at
   * at-least-once, and its readers (queryable state) keep seeing every commit's values.
   */
  @Override
  void flushForTransaction() {
    if (local.isEmpty()) {
      flush();
    } else if (isOpen()) {
      handle().flushToLog();
    }
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
   * At the commit's barrier: notes the last changelog write sent so far (the state the engine now
   * holds) and, with local state, when a snapshot is due (or on the final commit) shuts the engine's
   * {@link SnapshotGate}; the returned step's {@code snapshot()} (on the committer's thread, or at
   * the latest in {@code complete()}) takes it into the pending directory and opens the gate. Once that write is acknowledged the returned step names the snapshot by
   * its offset, or writes the {@code OFFSET} file listing no snapshot while nothing was ever
   * written (so a restart does not take the database for unusable state), and returns the offset.
   */
  @Override
  PendingPersist beginPersist(long nowNanos, long snapshotIntervalNanos, boolean finalCommit) {
    if (!isOpen()) {
      return PendingPersist.NONE;
    }
    Optional<Future<RecordMetadata>> last = sender.lastSend(partition);
    boolean hasState = last.isPresent() || offset.isPresent();
    boolean snapshot = hasState && local.isPresent() && (finalCommit || snapshotDue(nowNanos, snapshotIntervalNanos))
        && (last.isPresent() && last.get() != lastAtBarrier || !newestSnapshotIs(offset));
    lastAtBarrier = last.orElse(null);
    BytesStore engine = null;
    if (snapshot) {
      // Writes the exactly-once commits sent to the changelog only: the snapshot must hold every
      // write up to `last` (the engine gets them now, unlogged: nothing is sent after `last`).
      handle().writeLogged();
      engine = handle().engine();
      // The checkpoint itself (a memtable flush, 10-200 ms per store on a quiet disk) is taken by
      // snapshot(), on the committer's thread while the run loop processes on; until then the
      // engine takes no write, so it still holds exactly the writes up to `last`.
      gate.shut();
      snapshotNanos = OptionalLong.of(nowNanos);
    }
    BytesStore toSnapshot = engine;
    return new PendingPersist() {
      /** Whether the gate was opened again (snapshot taken, failed or abandoned). */
      private boolean done = !snapshot;

      @Override
      public void snapshot() {
        if (done) {
          return;
        }
        done = true;
        try {
          local.get().snapshotPending(toSnapshot);
        } finally {
          gate.open();
        }
      }

      @Override
      public OptionalLong complete() {
        snapshot();
        last.ifPresent(f -> {
          long acked = ackedOffsetOf(f);
          if (offset.isEmpty() || acked > offset.getAsLong()) {
            offset = OptionalLong.of(acked);
          }
        });
        if (offset.isEmpty()) {
          local.ifPresent(l -> l.persistEmpty(partition.topic(), partition.partition()));
        } else if (snapshot) {
          local.get().registerPending(partition.topic(), partition.partition(), offset.getAsLong());
        }
        return offset;
      }

      @Override
      public void abandon() {
        if (!done) {
          done = true;
          gate.open();
        }
        if (snapshot) {
          try {
            local.get().dropPending();
          } catch (RuntimeException e) {
            // The next snapshot or restore deletes it: a pending snapshot is never used.
          }
        }
      }
    };
  }

  private long ackedOffsetOf(Future<RecordMetadata> send) {
    try {
      return send.get().offset();
    } catch (ExecutionException e) {
      throw new ChangelogSendException("changelog write of store '" + storeName() + "' of task '" + task()
          + "' to " + partition + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChangelogSendException("interrupted waiting for the changelog write of store '" + storeName()
          + "' of task '" + task() + "' to " + partition, e);
    }
  }

  // Whether the newest local snapshot already holds the state at the given offset (nothing to take).
  private boolean newestSnapshotIs(OptionalLong at) {
    return at.isPresent() && local.flatMap(l -> l.newestSnapshotOffset(partition.topic(), partition.partition()))
        .filter(o -> o == at.getAsLong()).isPresent();
  }

  private boolean snapshotDue(long now, long intervalNanos) {
    return snapshotNanos.isEmpty() || now - snapshotNanos.getAsLong() >= intervalNanos;
  }

  @Override
  String label() {
    return super.label() + " from " + partition;
  }
}
