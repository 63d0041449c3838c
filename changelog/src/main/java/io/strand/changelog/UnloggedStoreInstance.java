package io.strand.changelog;

import io.strand.container.TaskName;
import io.strand.kv.StoreEnvironment;
import io.strand.kv.engine.BytesStore;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A store instance without a changelog: nothing says what its old files match, so it is opened
 * empty at every start, and a commit only flushes it.
 *
 * <p>Threading: as {@link StoreInstance}.
 */
final class UnloggedStoreInstance extends StoreInstance {

  UnloggedStoreInstance(StoreDefinition definition, TaskName task, StoreEnvironment environment, Path dir) {
    super(definition, task, environment, dir);
  }

  @Override
  UnaryOperator<BytesStore> loggingLayer() {
    return UnaryOperator.identity();
  }

  /** No changelog to defer to: the engine gets the cached writes at every commit. */
  @Override
  void flushForTransaction() {
    flush();
  }

  /** Nothing to persist and no changelog offset: the flush of phase 1 was all. */
  @Override
  PendingPersist beginPersist(long nowNanos, long snapshotIntervalNanos, boolean finalCommit) {
    return PendingPersist.NONE;
  }
}
