package io.strand.changelog.local;

import io.strand.container.TaskName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a store instance's local state lives:
 * {@code <base dir>/<job.name>-<job.id>/<store>/<task name, spaces as _>/}, so {@code Partition 0}
 * of store {@code stats} of job {@code orders}, id {@code 1}, lives in
 * {@code <base dir>/orders-1/stats/Partition_0}. The job part keeps two jobs (or two ids of one
 * job) that use the same store name and base dir from sharing, and wiping, each other's state.
 *
 * <p>Strand before this layout used {@code <base dir>/<store>/<task>/}. {@link #moveFromOldLayout}
 * moves such a directory into the new place on a job's first start, so its local snapshots are
 * reused instead of being restored from the changelog again.
 *
 * <p>Threading: an immutable value; {@link #moveFromOldLayout} touches only the given instance's
 * directories, so containers sharing a base dir may call it at once for their own tasks.
 *
 * @param baseDir {@code job.logged.store.base.dir} (or the non-logged one)
 * @param jobName the job name
 * @param jobId the job id
 */
public record StoreDirLayout(Path baseDir, String jobName, String jobId) {

  /**
   * Checks the components.
   *
   * @param baseDir the base dir
   * @param jobName the job name
   * @param jobId the job id
   * @throws NullPointerException if any is null
   */
  public StoreDirLayout {
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(jobId, "jobId");
  }

  /**
   * The job's directory under the base dir.
   *
   * @return {@code <base dir>/<job.name>-<job.id>}
   */
  public Path jobDir() {
    return baseDir.resolve(jobName + "-" + jobId);
  }

  /**
   * A store instance's directory; not created.
   *
   * @param store the store name
   * @param task the task
   * @return {@code <base dir>/<job.name>-<job.id>/<store>/<task name, spaces as _>}
   */
  public Path instanceDir(String store, TaskName task) {
    return jobDir().resolve(store).resolve(taskDirName(task));
  }

  /**
   * Where the layout without the job part kept a store instance.
   *
   * @param store the store name
   * @param task the task
   * @return {@code <base dir>/<store>/<task name, spaces as _>}
   */
  public Path oldLayoutInstanceDir(String store, TaskName task) {
    return baseDir.resolve(store).resolve(taskDirName(task));
  }

  /**
   * Moves a logged store instance's directory from the old layout to the new one, when the new
   * one does not exist yet and the old one holds this instance's state: an {@code OFFSET} file
   * naming the same changelog topic and partition. A directory of another job, or one without an
   * {@code OFFSET} file, is left where it is. The store's old directory is removed once its last
   * instance has moved out.
   *
   * @param store the store name
   * @param task the task
   * @param topic the store's changelog topic
   * @param partition the task's changelog partition
   * @return the directory moved from, or empty when nothing moved
   * @throws UncheckedIOException if the directory cannot be moved
   */
  public Optional<Path> moveFromOldLayout(String store, TaskName task, String topic, int partition) {
    Path target = instanceDir(store, task);
    Path old = oldLayoutInstanceDir(store, task);
    if (Files.exists(target) || !Files.isDirectory(old) || !holdsStateOf(old, topic, partition)) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(target.getParent());
      Files.move(old, target); // a rename: the same file system, as both are under the base dir
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the local state of store '" + store + "' of task '" + task.name()
          + "' from " + old + " to " + target, e);
    }
    try {
      Files.delete(old.getParent()); // only when empty: other tasks' instances may still be there
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // another task's instance of the store is still there, or another container removed it
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the emptied directory " + old.getParent(), e);
    }
    return Optional.of(old);
  }

  private static boolean holdsStateOf(Path dir, String topic, int partition) {
    try {
      Optional<OffsetFile> file = OffsetFile.read(dir.resolve(OffsetFile.NAME));
      return file.isPresent() && file.get().topic().equals(topic) && file.get().partition() == partition;
    } catch (IOException e) {
      return false; // unreadable: nothing says whose state it is
    }
  }

  private static String taskDirName(TaskName task) {
    return task.name().replace(' ', '_');
  }
}
