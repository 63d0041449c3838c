package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlushAheadTest {

  private static final long MS = 1_000_000;

  @Test
  void slicesRunInsideTheLeadUntilNothingIsDirty() {
    int[] dirty = {1_000};
    List<Integer> asked = new ArrayList<>();
    FlushAhead ahead = new FlushAhead(200, () -> dirty[0], max -> {
      asked.add(max);
      int n = Math.min(max, dirty[0]);
      dirty[0] -= n;
      return n;
    });
    long commitAt = 10_000 * MS;
    assertEquals(0, ahead.run(0, commitAt), "far from the commit: nothing");
    assertEquals(commitAt - 200 * MS, ahead.nextAt(), "wakes at the lead");
    long now = commitAt - 200 * MS;
    assertEquals(FlushAhead.SLICE, ahead.run(now, commitAt));
    assertEquals(now, ahead.nextAt(), "the next idle turn writes the next slice");
    while (ahead.run(now, commitAt) > 0) {
      now += MS / 10;
    }
    assertEquals(0, dirty[0]);
    assertEquals(List.of(256, 256, 256, 232), asked, "slices of at most SLICE, the last what is left");
    assertEquals(now + FlushAhead.REST_NANOS, ahead.nextAt(), "nothing dirty: rests");
    assertEquals(0, ahead.run(commitAt, commitAt), "at the commit: the barrier's turn");
    assertEquals(0, ahead.run(commitAt + MS, commitAt + 10_000 * MS), "the next commit: wait for its lead");
    assertEquals(commitAt + 10_000 * MS - 200 * MS, ahead.nextAt());
  }

  @Test
  void nothingWrittenRests() {
    FlushAhead ahead = new FlushAhead(200, () -> 5, max -> 0);
    assertEquals(0, ahead.run(10 * MS, 100 * MS));
    assertEquals(10 * MS + FlushAhead.REST_NANOS, ahead.nextAt(), "no spinning on a store that writes nothing");
  }

  @Test
  void offWritesNothing() {
    FlushAhead ahead = new FlushAhead(0, () -> 100, max -> {
      throw new AssertionError("written");
    });
    assertEquals(Long.MAX_VALUE, ahead.nextAt());
  }
}
