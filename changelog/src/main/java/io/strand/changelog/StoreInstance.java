package io.strand.changelog;

import io.strand.changelog.local.LocalStoreDir;
import io.strand.changelog.topic.ChangelogTopic;
import io.strand.kv.BytesStore;
import io.strand.kv.StoreContext;
import io.strand.kv.StoreFactory;
import io.strand.kv.StoreHandle;
import io.strand.context.TaskName;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;

/**
 * One store of one task in a container: how to open it, where its changelog and local state are,
 * and, once open, its handle and the changelog offset its state matches.
 *
 * <p>Threading: opened and restored on a restore thread, then used only from the run-loop
 * thread; the hand-over happens through the restore pool's futures.
 */
final class StoreInstance {

  private final StoreContext context;
  private final StoreFactory factory;
  private final ChangelogTopic changelog;
  private final TopicPartition partition;
  private final ChangelogSender sender;
  private final LocalStoreDir local;
  private final Path dir;
  private StoreHandle handle;
  private Long offset;
  /** {@link System#nanoTime()} of the last local snapshot; empty before the first. */
  private OptionalLong snapshotNanos = OptionalLong.empty();

  /**
   * Describes an instance; nothing is opened.
   *
   * @param context the factory's context, without a directory or logging layer yet
   * @param factory the store's engine factory
   * @param changelog the store's changelog, or null for a store without one
   * @param partition the task's changelog partition of it, or null
   * @param sender the changelog's sender, or null
   * @param dir the instance directory
   * @param persistent whether the engine keeps state on disk (RocksDB), so snapshots can be reused
   */
  StoreInstance(StoreContext context, StoreFactory factory, ChangelogTopic changelog, TopicPartition partition,
      ChangelogSender sender, Path dir, boolean persistent) {
    this.context = context;
    this.factory = factory;
    this.changelog = changelog;
    this.partition = partition;
    this.sender = sender;
    this.dir = dir;
    this.local = changelog != null && persistent ? new LocalStoreDir(dir) : null;
  }

  String store() {
    return context.storeName();
  }

  TaskName task() {
    return context.taskName();
  }

  ChangelogTopic changelog() {
    return changelog;
  }

  TopicPartition partition() {
    return partition;
  }

  ChangelogSender sender() {
    return sender;
  }

  /** The local snapshots and OFFSET file, or null for an in-memory or unlogged store. */
  LocalStoreDir local() {
    return local;
  }

  /** The instance directory (for an unlogged store, the engine's own). */
  Path dir() {
    return dir;
  }

  /**
   * Opens the engine and the layers; a logged store gets the logged layer.
   *
   * @param engineDir the directory the engine opens in
   * @return the handle
   */
  StoreHandle open(Path engineDir) {
    UnaryOperator<BytesStore> layer = changelog == null ? UnaryOperator.identity()
        : engine -> new LoggedStore(engine, sender, partition, context.taskName());
    StoreContext full = new StoreContext(context.storeName(), context.taskName(), context.containerId(),
        context.config(), engineDir, context.meterRegistry(), context.rocksDbResources(), layer);
    handle = factory.create(full);
    return handle;
  }

  /** The open handle, or null before {@link #open}. */
  StoreHandle handle() {
    return handle;
  }

  /** The changelog offset the state matches: checkpointed at restore, then acknowledged; or null. */
  Long offset() {
    return offset;
  }

  void offset(Long value) {
    offset = value;
  }

  /**
   * Whether a local snapshot is due.
   *
   * @param now {@link System#nanoTime()}
   * @param intervalNanos the least time between snapshots
   * @return true before the first snapshot and once the interval has passed
   */
  boolean snapshotDue(long now, long intervalNanos) {
    return snapshotNanos.isEmpty() || now - snapshotNanos.getAsLong() >= intervalNanos;
  }

  void snapshotTaken(long now) {
    snapshotNanos = OptionalLong.of(now);
  }

  String label() {
    return "store '" + store() + "' of task '" + task().name() + "'"
        + (partition == null ? "" : " from " + partition);
  }
}
