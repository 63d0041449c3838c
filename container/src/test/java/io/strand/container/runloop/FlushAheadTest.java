package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlushAheadTest {

  private static final long MS = 1_000_000;

  @Test
  void slicesStartTheLeadBeforeTheCommitAndSpreadTheDirtyEntries() {
    int[] dirty = {10_000};
    List<Integer> asked = new ArrayList<>();
    FlushAhead ahead = new FlushAhead(50, () -> dirty[0], max -> {
      asked.add(max);
      int n = Math.min(max, dirty[0]);
      dirty[0] -= n;
      return n;
    });
    long commitAt = 10_000 * MS;
    assertEquals(0, ahead.run(0, commitAt), "far from the commit: nothing");
    assertEquals(commitAt - 50 * MS, ahead.nextAt(), "wakes at the lead");
    assertEquals(200, ahead.run(commitAt - 50 * MS, commitAt), "10,000 over 50 slices");
    assertEquals(commitAt - 49 * MS, ahead.nextAt(), "the next slice a gap later");
    long now = ahead.nextAt();
    while (now < commitAt) {
      ahead.run(now, commitAt);
      now = ahead.nextAt();
    }
    assertEquals(0, dirty[0], "everything written by the commit's time");
    assertEquals(0, ahead.run(commitAt, commitAt), "at the commit: the barrier's turn");
    assertEquals(commitAt + MS, ahead.nextAt());
    assertEquals(0, ahead.run(commitAt + MS, commitAt + 10_000 * MS), "the next commit: wait for its lead");
    assertEquals(commitAt + 10_000 * MS - 50 * MS, ahead.nextAt());
  }

  @Test
  void sliceSizesAreBounded() {
    assertEquals(FlushAhead.MIN_SLICE, FlushAhead.slice(10, 50 * MS));
    assertEquals(FlushAhead.MAX_SLICE, FlushAhead.slice(1_000_000, 50 * MS));
    assertEquals(500, FlushAhead.slice(500, MS / 2), "the last slice takes what is left");
  }

  @Test
  void offWritesNothing() {
    FlushAhead ahead = new FlushAhead(0, () -> 100, max -> {
      throw new AssertionError("written");
    });
    assertEquals(Long.MAX_VALUE, ahead.nextAt());
  }

  @Test
  void nothingDirtyAsksNothing() {
    FlushAhead ahead = new FlushAhead(50, () -> 0, max -> {
      throw new AssertionError("written");
    });
    assertEquals(0, ahead.run(0, 10 * MS));
  }
}
