package io.strand.container.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The restore bar: percent, rate, ETA, and counts over the total clamped. */
class RestoreViewTest {

  @Test
  void aRestoreUnderWayHasAPercentARateAndAnEta() {
    RestoreView v = RestoreView.of(5_000, 11_473, 1_000.0, false);
    assertEquals(43, v.percent());
    assertEquals(1_000.0, v.recordsPerSecond());
    assertEquals(6_473L, v.etaMs());
    assertEquals("5,000 / 11,473 records (43 %)", v.text());
  }

  @Test
  void aStalledRestoreHasNoEta() {
    RestoreView v = RestoreView.of(5_000, 11_473, 0.0, false);
    assertNull(v.etaMs());
    assertNull(v.recordsPerSecond());
  }

  @Test
  void aCountOverTheTotalIsClampedAndSaidSo() {
    RestoreView v = RestoreView.of(11_535, 11_473, 50.0, false);
    assertEquals(100, v.percent());
    assertNull(v.etaMs());
    assertEquals("done: 11,535 records (over the 11,473-record offset span: clamped)", v.text());
  }

  @Test
  void aRestoreThatEndedBelowItsOffsetSpanShowsDone() {
    RestoreView v = RestoreView.of(11_000, 11_473, null, true); // compaction left gaps
    assertEquals(100, v.percent());
    assertEquals("done: 11,000 records", v.text());
  }

  @Test
  void nothingToRestore() {
    assertEquals(RestoreView.NOTHING, RestoreView.of(0, 0, null, true));
    assertEquals("not started", RestoreView.of(0, 0, null, false).text());
  }
}
