package io.strand.changelog.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.TaskName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which old-layout directories move: only the instance's own state, never over a new one. */
class StoreDirLayoutMoveTest {

  private static final TaskName P0 = new TaskName("Partition 0");
  private static final TaskName P1 = new TaskName("Partition 1");

  @TempDir
  Path base;

  private StoreDirLayout layout() {
    return new StoreDirLayout(base, "orders", "2");
  }

  private Path oldDir(TaskName task, String topic, int partition) throws IOException {
    Path dir = layout().oldLayoutInstanceDir("stats", task);
    Files.createDirectories(dir.resolve("db"));
    new OffsetFile(topic, partition, List.of()).write(dir.resolve(OffsetFile.NAME));
    return dir;
  }

  @Test
  void theNewLayoutHasTheJobInIt() {
    assertEquals(base.resolve("orders-2").resolve("stats").resolve("Partition_0"), layout().instanceDir("stats", P0));
    assertEquals(base.resolve("stats").resolve("Partition_0"), layout().oldLayoutInstanceDir("stats", P0));
  }

  @Test
  void theInstancesOwnStateMovesAndTheEmptiedStoreDirGoes() throws IOException {
    Path old0 = oldDir(P0, "orders-2-stats-changelog", 0);
    Path old1 = oldDir(P1, "orders-2-stats-changelog", 1);
    assertEquals(Optional.of(old0), layout().moveFromOldLayout("stats", P0, "orders-2-stats-changelog", 0));
    assertTrue(Files.isDirectory(layout().instanceDir("stats", P0).resolve("db")));
    assertTrue(Files.isDirectory(old1), "another task's instance waits for its own container");
    assertEquals(Optional.of(old1), layout().moveFromOldLayout("stats", P1, "orders-2-stats-changelog", 1));
    assertFalse(Files.exists(base.resolve("stats")), "the old store dir is gone once empty");
  }

  @Test
  void anotherJobsStateOrAnExistingNewDirIsLeftAlone() throws IOException {
    Path other = oldDir(P0, "payments-1-stats-changelog", 0);
    assertEquals(Optional.empty(), layout().moveFromOldLayout("stats", P0, "orders-2-stats-changelog", 0));
    assertTrue(Files.isRegularFile(other.resolve(OffsetFile.NAME)), "another job's state stays where it is");

    Path mine = oldDir(P1, "orders-2-stats-changelog", 1);
    Files.createDirectories(layout().instanceDir("stats", P1));
    assertEquals(Optional.empty(), layout().moveFromOldLayout("stats", P1, "orders-2-stats-changelog", 1));
    assertTrue(Files.isDirectory(mine.resolve("db")), "never moved over state already in the new layout");

    Path noOffset = layout().oldLayoutInstanceDir("stats", new TaskName("Partition 2"));
    Files.createDirectories(noOffset.resolve("db"));
    assertEquals(Optional.empty(), layout().moveFromOldLayout("stats", new TaskName("Partition 2"),
        "orders-2-stats-changelog", 2));
    assertTrue(Files.isDirectory(noOffset), "nothing says whose state a directory without OFFSET is");
  }
}
