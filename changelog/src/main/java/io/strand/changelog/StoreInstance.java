package io.strand.changelog;

import io.strand.container.TaskName;
import io.strand.kv.StoreContext;
import io.strand.kv.StoreEnvironment;
import io.strand.kv.StoreHandle;
import io.strand.kv.engine.BytesStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * One store of one task in a container: how to open it and, once open, its handle. A store with
 * a changelog is a {@link LoggedStoreInstance}, one without an {@link UnloggedStoreInstance}; each
 * says what a commit does with it ({@link #beginPersist}).
 *
 * <p>Threading: opened (and restored) on a restore thread, then used only from the run-loop
 * thread; the hand-over happens through the restore pool's futures.
 */
abstract sealed class StoreInstance permits LoggedStoreInstance, UnloggedStoreInstance {

  private final StoreDefinition definition;
  private final TaskName task;
  private final StoreEnvironment environment;
  private final Path dir;
  private StoreHandle handle;

  StoreInstance(StoreDefinition definition, TaskName task, StoreEnvironment environment, Path dir) {
    this.definition = Objects.requireNonNull(definition, "definition");
    this.task = Objects.requireNonNull(task, "task");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  final String storeName() {
    return definition.name();
  }

  final TaskName task() {
    return task;
  }

  final StoreDefinition definition() {
    return definition;
  }

  /** The instance directory (for an unlogged store, the engine's own). */
  final Path dir() {
    return dir;
  }

  /**
   * Opens the engine and the layers, with this instance's logging layer.
   *
   * @param engineDir the directory the engine opens in, or null for an engine without one
   * @return the handle
   * @throws IllegalStateException if already open
   */
  final StoreHandle open(Path engineDir) {
    if (handle != null) {
      throw new IllegalStateException(label() + " is already open");
    }
    handle = definition.factory().create(new StoreContext(definition.settings(), task, environment, engineDir,
        loggingLayer()));
    return handle;
  }

  /** The layer between the engine and the object layers: the changelog's, or none. */
  abstract UnaryOperator<BytesStore> loggingLayer();

  final boolean isOpen() {
    return handle != null;
  }

  /**
   * The open handle.
   *
   * @return the handle
   * @throws IllegalStateException before {@link #open}
   */
  final StoreHandle handle() {
    if (handle == null) {
      throw new IllegalStateException(label() + " is not open");
    }
    return handle;
  }

  /** Commit phase 1: pushes the cached writes down; nothing for an instance never opened. */
  final void flush() {
    if (handle != null) {
      handle.flush();
    }
  }

  /**
   * Commit phase 1 under exactly-once: a logged instance sends its cached writes to the changelog
   * only and writes them to the engine when a local snapshot needs them ({@link StoreHandle#flushToLog});
   * an instance without a changelog flushes as at-least-once does.
   */
  abstract void flushForTransaction();

  /**
   * Commit phase 2, at the commit's barrier (just after {@link #flush}, on the run-loop thread):
   * fixes what the commit will name for this instance and takes the local snapshot if one is due,
   * while the engine holds exactly the writes sent so far. The rest waits in the returned step
   * until the producer acknowledged those writes.
   *
   * @param nowNanos {@link System#nanoTime()}
   * @param snapshotIntervalNanos the least time between local snapshots
   * @param finalCommit whether this is the task's last commit (snapshot whatever moved)
   * @return what is left to do once the writes are acknowledged
   * @throws io.strand.kv.engine.StoreException if a snapshot cannot be taken
   */
  abstract PendingPersist beginPersist(long nowNanos, long snapshotIntervalNanos, boolean finalCommit);

  /**
   * The part of an instance's commit that waits for the producer's acknowledgements. Called once,
   * from any thread, after every write sent before {@link #beginPersist} was acknowledged and
   * before the instance's next {@code beginPersist} (a commit's completion happens-before the
   * next one starts).
   */
  interface PendingPersist {

    /** Nothing to do: no changelog offset. */
    PendingPersist NONE = OptionalLong::empty;

    /**
     * Takes the local snapshot the barrier found due, if any, and lets the engine's writes go on
     * (they wait from the barrier until then). Called on the commit's thread before the
     * producer's flush, so the run loop is held back only while a write would change what the
     * snapshot must hold; {@link #complete()} calls it too if nobody did. Idempotent.
     *
     * @throws io.strand.kv.engine.StoreException if the snapshot cannot be taken
     * @throws java.io.UncheckedIOException if a leftover pending snapshot cannot be deleted
     */
    default void snapshot() {
    }

    /**
     * Writes what the instance keeps locally for the commit ({@code OFFSET} file, the snapshot
     * taken at the barrier under its offset).
     *
     * @return the changelog offset for the task's checkpoint, or empty when there is none
     * @throws ChangelogSendException if the last write before the barrier failed
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    OptionalLong complete();

    /** Drops what the barrier left behind (a pending snapshot) after the commit failed; never throws. */
    default void abandon() {
    }
  }

  /** Closes the handle (flushing first); nothing for an instance never opened. */
  final void close() {
    if (handle != null) {
      handle.close();
    }
  }

  String label() {
    return "store '" + storeName() + "' of task '" + task.name() + "'";
  }
}
