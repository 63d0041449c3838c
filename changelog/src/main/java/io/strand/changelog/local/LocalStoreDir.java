package io.strand.changelog.local;

import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.FileErrors;
import io.strand.kv.engine.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * The on-disk layout of one logged store instance, in the instance directory
 * {@code <job.logged.store.base.dir>/<job.name>-<job.id>/<store>/<task name, spaces as _>/}
 * ({@link StoreDirLayout}):
 *
 * <pre>
 *   OFFSET                           which changelog offset each snapshot holds ({@link OffsetFile})
 *   db/                              the live engine the task writes to
 *   snapshots/&lt;offset, 20 digits&gt;/   engine checkpoints (hard links), the newest {@value #KEEP} kept
 *   snapshots/pending/               a commit's checkpoint until its offset is acknowledged (never used by a restore)
 * </pre>
 *
 * <p>A restore never opens the live {@code db/} as it is: after a SIGKILL it may hold writes newer
 * than any offset written down, whose changelog records may never have reached the broker. It is
 * replaced by a copy of a snapshot, which is exactly the state at its offset: immutable SST and
 * blob files are hard-linked (cheap, and RocksDB never modifies them), the small mutable files
 * (MANIFEST, CURRENT, OPTIONS, logs) are copied so the live database never writes into a snapshot.
 *
 * <p>Threading: one thread at a time per instance (the restore thread, then the run loop).
 */
public final class LocalStoreDir {

  /** Snapshots kept per instance: the newest, and the one before it for a crash between
   * persisting the newest and writing the checkpoint that names it. */
  public static final int KEEP = 2;

  private static final String DB = "db";
  private static final String SNAPSHOTS = "snapshots";
  /** Where a commit's snapshot waits until its changelog offset is acknowledged; never in {@code OFFSET}. */
  private static final String PENDING = SNAPSHOTS + "/pending";

  private final Path dir;

  /**
   * The layout under an instance directory.
   *
   * @param dir the instance directory (see {@link StoreDirLayout#instanceDir})
   */
  public LocalStoreDir(Path dir) {
    this.dir = dir;
  }

  /**
   * The instance directory.
   *
   * @return the directory
   */
  public Path dir() {
    return dir;
  }

  /**
   * The live engine's directory, to give the store factory.
   *
   * @return {@code <dir>/db}
   */
  public Path dbDir() {
    return dir.resolve(DB);
  }

  /**
   * The {@code OFFSET} file.
   *
   * @return {@code <dir>/OFFSET}
   */
  public Path offsetFile() {
    return dir.resolve(OffsetFile.NAME);
  }

  /**
   * Whether a live database is present (it may be worth a warning when wiped).
   *
   * @return true if {@code db/} exists and is not empty
   */
  public boolean hasLiveDb() {
    try (Stream<Path> files = Files.list(dbDir())) {
      return files.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Whether a snapshot directory looks complete: RocksDB's checkpoint writes {@code CURRENT} last,
   * and without it RocksDB would silently create an empty database.
   *
   * @param snapshot the snapshot
   * @return true if its directory holds a {@code CURRENT} file
   */
  public boolean isIntact(OffsetFile.Snapshot snapshot) {
    return Files.isRegularFile(dir.resolve(snapshot.dir()).resolve("CURRENT"));
  }

  /**
   * Deletes everything in the instance directory.
   *
   * @throws UncheckedIOException if a file cannot be deleted
   */
  public void wipe() {
    deleteRecursively(dir);
  }

  /**
   * Replaces the live database by a copy of a snapshot, and forgets the snapshots after it (they
   * belong to writes the checkpoint does not cover, which are about to be trimmed).
   *
   * @param snapshot the snapshot to open from
   * @param offsetFile the current {@code OFFSET} content
   * @throws UncheckedIOException if files cannot be linked, copied or deleted
   */
  public void openFrom(OffsetFile.Snapshot snapshot, OffsetFile offsetFile) {
    deleteRecursively(dbDir());
    try {
      Files.createDirectories(dbDir());
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.resolve(snapshot.dir()))) {
        for (Path file : files) {
          if (Files.isRegularFile(file)) {
            linkOrCopy(file, dbDir().resolve(file.getFileName().toString()));
          }
        }
      }
      List<OffsetFile.Snapshot> kept = new ArrayList<>();
      for (OffsetFile.Snapshot s : offsetFile.snapshots()) {
        if (s.offset() <= snapshot.offset()) {
          kept.add(s);
        }
      }
      new OffsetFile(offsetFile.topic(), offsetFile.partition(), kept).write(offsetFile());
      deleteSnapshotsOtherThan(kept);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open store instance " + dir + " from its snapshot " + snapshot.dir() + ": "
          + FileErrors.reason(e), e);
    }
  }

  /**
   * Persists the engine's state as of a changelog offset: a snapshot (engine checkpoint), then the
   * {@code OFFSET} file naming it, then removal of snapshots beyond the newest {@value #KEEP}. Does
   * nothing if the newest snapshot already holds that offset (no writes since).
   *
   * @param engine the engine below the logged layer
   * @param topic the changelog topic
   * @param partition the changelog partition
   * @param offset the highest acknowledged changelog offset, whose write the engine holds
   * @throws StoreException if the engine cannot checkpoint
   * @throws UncheckedIOException if the files cannot be written
   */
  public void persist(BytesStore engine, String topic, int partition, long offset) {
    List<OffsetFile.Snapshot> previous = snapshotsOf(topic, partition);
    if (!previous.isEmpty() && previous.get(0).offset() == offset) {
      return;
    }
    String name = snapshotName(offset);
    Path target = dir.resolve(name);
    // A leftover of an abandoned attempt at the same offset (not named in OFFSET) is not trusted.
    deleteRecursively(target);
    engine.checkpoint(target);
    register(topic, partition, offset, name, previous);
  }

  /**
   * The first half of {@link #persist} for a commit that learns the changelog offset only later
   * (once the broker acknowledged the writes the engine holds, while processing goes on): takes
   * the engine checkpoint now, into {@code snapshots/pending}, which {@code OFFSET} does not name,
   * so a crash before {@link #registerPending} leaves nothing a restore would use (and the next
   * persist deletes it).
   *
   * @param engine the engine below the logged layer, holding exactly the writes sent up to now
   * @throws StoreException if the engine cannot checkpoint
   * @throws UncheckedIOException if a leftover pending snapshot cannot be deleted
   */
  public void snapshotPending(BytesStore engine) {
    Path target = dir.resolve(PENDING);
    deleteRecursively(target);
    engine.checkpoint(target);
  }

  /**
   * The second half of {@link #persist}: names the snapshot {@link #snapshotPending} took as the
   * state at {@code offset} (renames it, then writes the {@code OFFSET} file and drops the
   * snapshots beyond the newest {@value #KEEP}). If the newest snapshot already holds that offset
   * the pending one is deleted instead.
   *
   * @param topic the changelog topic
   * @param partition the changelog partition
   * @param offset the changelog offset of the last write the pending snapshot holds, now acknowledged
   * @throws UncheckedIOException if the files cannot be moved or written
   */
  public void registerPending(String topic, int partition, long offset) {
    Path pending = dir.resolve(PENDING);
    List<OffsetFile.Snapshot> previous = snapshotsOf(topic, partition);
    if (!previous.isEmpty() && previous.get(0).offset() == offset) {
      deleteRecursively(pending);
      return;
    }
    String name = snapshotName(offset);
    Path target = dir.resolve(name);
    deleteRecursively(target);
    try {
      Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + pending + " to " + target + ": " + FileErrors.reason(e), e);
    }
    register(topic, partition, offset, name, previous);
  }

  /**
   * Deletes the snapshot {@link #snapshotPending} took for a commit that failed, if there is one.
   *
   * @throws UncheckedIOException if it cannot be deleted
   */
  public void dropPending() {
    deleteRecursively(dir.resolve(PENDING));
  }

  /**
   * The offset of the newest snapshot the {@code OFFSET} file names for a changelog partition.
   *
   * @param topic the changelog topic
   * @param partition the changelog partition
   * @return the offset, or empty when there is no snapshot (or no readable {@code OFFSET} file)
   */
  public Optional<Long> newestSnapshotOffset(String topic, int partition) {
    List<OffsetFile.Snapshot> snapshots = snapshotsOf(topic, partition);
    return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(0).offset());
  }

  private List<OffsetFile.Snapshot> snapshotsOf(String topic, int partition) {
    Optional<OffsetFile> current;
    try {
      current = OffsetFile.read(offsetFile());
    } catch (IOException e) {
      current = Optional.empty();
    }
    return current.filter(f -> f.topic().equals(topic) && f.partition() == partition)
        .map(OffsetFile::snapshots).orElse(List.of());
  }

  private static String snapshotName(long offset) {
    return SNAPSHOTS + "/" + String.format(Locale.ROOT, "%020d", offset);
  }

  private void register(String topic, int partition, long offset, String name, List<OffsetFile.Snapshot> previous) {
    List<OffsetFile.Snapshot> kept = new ArrayList<>();
    kept.add(new OffsetFile.Snapshot(offset, name));
    for (OffsetFile.Snapshot s : previous) {
      if (kept.size() < KEEP && s.offset() < offset) {
        kept.add(s);
      }
    }
    try {
      new OffsetFile(topic, partition, kept).write(offsetFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + offsetFile() + ": " + FileErrors.reason(e), e);
    }
    deleteSnapshotsOtherThan(kept);
  }

  /**
   * Records that the live engine holds no changelog write yet (a store nobody has written to): an
   * {@code OFFSET} file for the changelog partition listing no snapshot, unless one exists. Without
   * it a restart would find a database with no {@code OFFSET} file and warn that its local state
   * is unusable, though there was nothing to lose.
   *
   * @param topic the changelog topic
   * @param partition the changelog partition
   * @throws UncheckedIOException if the file cannot be written
   */
  public void persistEmpty(String topic, int partition) {
    if (Files.exists(offsetFile())) {
      return;
    }
    try {
      new OffsetFile(topic, partition, List.of()).write(offsetFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + offsetFile() + ": " + FileErrors.reason(e), e);
    }
  }

  /**
   * Keeps only the snapshot at one offset, if there is one: rewrites the {@code OFFSET} file without
   * the others and deletes their directories. Used when a changelog is re-seeded from the snapshot
   * at the checkpointed offset: every other snapshot was taken against the lost changelog and must
   * never be taken for the state at an offset of the new one.
   *
   * @param topic the changelog topic
   * @param partition the changelog partition
   * @param offset the offset of the snapshot to keep, or empty to forget every snapshot
   * @throws UncheckedIOException if the files cannot be written or deleted
   */
  public void keepOnlySnapshot(String topic, int partition, OptionalLong offset) {
    List<OffsetFile.Snapshot> kept = new ArrayList<>();
    try {
      Optional<OffsetFile> current = OffsetFile.read(offsetFile());
      for (OffsetFile.Snapshot s : current.map(OffsetFile::snapshots).orElse(List.of())) {
        if (offset.isPresent() && s.offset() == offset.getAsLong()) {
          kept.add(s);
        }
      }
      new OffsetFile(topic, partition, kept).write(offsetFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + offsetFile(), e);
    }
    deleteSnapshotsOtherThan(kept);
  }

  private void deleteSnapshotsOtherThan(List<OffsetFile.Snapshot> kept) {
    Set<Path> keep = new HashSet<>();
    kept.forEach(s -> keep.add(dir.resolve(s.dir()).normalize()));
    Path snapshots = dir.resolve(SNAPSHOTS);
    if (!Files.isDirectory(snapshots)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(snapshots)) {
      for (Path entry : entries) {
        if (!keep.contains(entry.normalize())) {
          deleteRecursively(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + snapshots + ": " + FileErrors.reason(e), e);
    }
  }

  private static void linkOrCopy(Path source, Path target) throws IOException {
    String name = source.getFileName().toString();
    if (name.endsWith(".sst") || name.endsWith(".blob")) {
      try {
        Files.createLink(target, source);
        return;
      } catch (FileAlreadyExistsException e) {
        throw e;
      } catch (UnsupportedOperationException | IOException e) {
        // Another file system, or links not allowed: a copy is slower but equally correct.
      }
    }
    Files.copy(source, target);
  }

  private static void deleteRecursively(Path path) {
    try {
      PathUtils.delete(path); // a file or a whole tree, links not followed; nothing if absent
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + FileErrors.reason(e), e);
    }
  }
}
