package io.strand.changelog.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStatePlannerTest {

  private static final OffsetFile.Snapshot S100 = new OffsetFile.Snapshot(100, "snapshots/100");
  private static final OffsetFile.Snapshot S200 = new OffsetFile.Snapshot(200, "snapshots/200");
  private static final Optional<OffsetFile> TWO = Optional.of(new OffsetFile("t", 3, List.of(S100, S200)));

  private static LocalStatePlan plan(Optional<OffsetFile> file, Long checkpointed, long logStart) {
    return LocalStatePlanner.plan(file, null, true, "t", 3, checkpointed, logStart, s -> true);
  }

  @Test
  void theNewestSnapshotAtOrBeforeTheCheckpointWins() {
    assertEquals(Optional.of(S200), plan(TWO, 250L, 0).reuse());
    assertEquals(Optional.of(S200), plan(TWO, 200L, 0).reuse());
    assertEquals(Optional.of(S100), plan(TWO, 199L, 0).reuse(), "crash between persisting 200 and checkpointing it");
    assertEquals(Optional.of(S100), plan(TWO, 150L, 101).reuse(), "log start right after the snapshot is fine");
  }

  @Test
  void everyOtherCaseWipesWithAReason() {
    assertTrue(plan(TWO, 99L, 0).reason().contains("after the checkpointed offset 99"));
    assertTrue(plan(TWO, 150L, 102).reason().contains("log start 102"));
    assertTrue(plan(TWO, null, 0).reason().contains("no checkpointed changelog offset"));
    assertTrue(plan(Optional.of(new OffsetFile("other", 3, List.of(S100))), 150L, 0).reason().contains("other-3"));
    assertTrue(LocalStatePlanner.plan(TWO, null, true, "t", 3, 150L, 0, s -> false).isFullRestore());
    assertTrue(LocalStatePlanner.plan(Optional.empty(), "bad json", true, "t", 3, 150L, 0, s -> true).reason()
        .contains("bad json"));
  }

  @Test
  void aLostChangelogIsRecoveredOnlyFromTheSnapshotAtExactlyTheCheckpointedOffset() {
    assertEquals(Optional.of(S200), LocalStatePlanner.planRecovery(TWO, null, "t", 3, 200, s -> true).reuse());
    assertEquals(Optional.of(S100), LocalStatePlanner.planRecovery(TWO, null, "t", 3, 100, s -> true).reuse());
    assertTrue(LocalStatePlanner.planRecovery(TWO, null, "t", 3, 150, s -> true).reason()
        .contains("no snapshot at changelog offset 150 (its snapshots are at [200, 100])"), "an older state is not it");
    assertTrue(LocalStatePlanner.planRecovery(TWO, null, "t", 3, 200, s -> false).reason().contains("incomplete"));
    assertTrue(LocalStatePlanner.planRecovery(TWO, null, "t", 4, 200, s -> true).reason().contains("t-3"));
    assertTrue(LocalStatePlanner.planRecovery(Optional.empty(), null, "t", 3, 200, s -> true).reason()
        .contains("no OFFSET file"));
    assertTrue(LocalStatePlanner.planRecovery(Optional.empty(), "bad json", "t", 3, 200, s -> true).reason()
        .contains("bad json"));
  }

  @Test
  void nothingLocalIsNotWorthAWarning() {
    LocalStatePlan fresh = LocalStatePlanner.plan(Optional.empty(), null, false, "t", 3, 150L, 0, s -> true);
    assertTrue(fresh.isFullRestore());
    assertNull(fresh.reason());
  }

  @Test
  void offsetFileRoundTripsAndRejectsOtherVersions(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("OFFSET");
    new OffsetFile("t", 3, List.of(S100, S200)).write(file);
    OffsetFile read = OffsetFile.read(file).orElseThrow();
    assertEquals(List.of(S200, S100), read.snapshots(), "newest first");
    assertTrue(Files.readString(file).startsWith("{\"version\":1,"));
    Files.writeString(file, "{\"version\":2,\"topic\":\"t\",\"partition\":3,\"snapshots\":[]}");
    assertTrue(assertThrows(IOException.class, () -> OffsetFile.read(file)).getMessage().contains("version 2"));
    assertEquals(Optional.empty(), OffsetFile.read(dir.resolve("missing")));
  }
}
