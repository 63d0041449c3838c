package io.strand.changelog;

import io.strand.changelog.local.LocalStatePlan;
import io.strand.changelog.local.LocalStatePlanner;
import io.strand.changelog.local.LocalStoreDir;
import io.strand.changelog.local.OffsetFile;
import io.strand.changelog.restore.ChangelogRestoreException;
import io.strand.config.view.ChangelogRecovery;
import io.strand.config.view.StorageConfig;
import io.strand.kv.engine.StoreCorruptedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a store instance on what its directory holds, the first part of a restore
 * ({@link InstanceRestorer#prepare}): a logged instance on a usable local snapshot
 * ({@link LocalStatePlanner} decides which), else wiped and empty, so the changelog replay starts
 * from the snapshot or from the log start; a logged instance whose changelog lost the checkpointed
 * records on the snapshot at exactly that offset, when {@code stores.<s>.changelog.recover=local}
 * allows it; an unlogged instance always emptied, since no offset says what its old files match.
 * Dropping local state is logged once per instance, at WARN, with the reason.
 *
 * <p>Threading: immutable; each call runs on the restore thread that prepares the instance.
 */
final class LocalStateOpener {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStateOpener.class);

  private final String job;
  private final String container;

  /**
   * An opener for one container's instances.
   *
   * @param job the job name, for log lines
   * @param container the container id, for log lines
   */
  LocalStateOpener(String job, String container) {
    this.job = job;
    this.container = container;
  }

  /**
   * Opens a logged instance, from a snapshot when one is usable; otherwise wipes its local state
   * (one warning) and opens it empty. A snapshot that turns out corrupted at open is wiped too.
   *
   * @param instance a logged instance
   * @param checkpointed its checkpointed changelog offset, or null
   * @param logStart the first offset its changelog partition still has
   * @return what was done: the snapshot reused, or why none was
   * @throws java.io.UncheckedIOException if the local state cannot be moved or wiped
   */
  LocalStatePlan open(LoggedStoreInstance instance, Long checkpointed, long logStart) {
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

  /**
   * The checkpoint names a changelog offset the partition does not have: the changelog was deleted
   * or recreated while the job was stopped. With {@code stores.<s>.changelog.recover=local} the
   * instance opens from its local snapshot at exactly that offset (the checkpointed state), and the
   * caller writes every key to the changelog again; otherwise, or without such a snapshot, the
   * restore fails naming the key and the snapshot found or missing.
   *
   * @param instance a logged instance
   * @param checkpointed its checkpointed changelog offset, at or past {@code range.end()}
   * @param range its changelog partition's offsets
   * @return the plan that reuses the snapshot at {@code checkpointed}
   * @throws ChangelogRestoreException if the instance may not or cannot be recovered this way
   */
  LocalStatePlan recover(LoggedStoreInstance instance, long checkpointed, ChangelogRange range) {
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
    return plan;
  }

  /**
   * Opens a store that has no changelog, in an emptied directory: nothing says what its old files
   * match.
   *
   * @param instance an unlogged instance
   * @throws UncheckedIOException if its directory cannot be deleted
   */
  void openEmpty(UnloggedStoreInstance instance) {
    deleteRecursively(instance.dir());
    instance.open(instance.dir());
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
