package io.strand.nexmark.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WindowHighestTest {

  @Test
  void admitsValuesAtOrAboveTheirWindowsHighestSoFar() {
    WindowHighest h = new WindowHighest(10);
    assertTrue(h.admit(0, 5));
    assertFalse(h.admit(0, 4));
    assertTrue(h.admit(0, 5), "a tie is kept");
    assertTrue(h.admit(0, 7));
    assertFalse(h.admit(0, 6));
    assertFalse(h.admit(0, Long.MIN_VALUE + 1));
  }

  @Test
  void keepsEachWindowsHighestWhenValuesAlternateBetweenWindows() {
    WindowHighest h = new WindowHighest(10);
    assertTrue(h.admit(0, 5));
    assertTrue(h.admit(10, 1));
    assertFalse(h.admit(0, 4), "window 0's highest survives a value of window 10");
    assertTrue(h.admit(20, 3));
    assertFalse(h.admit(10, 0));
    assertTrue(h.admit(10, 2));
    assertFalse(h.admit(0, 4));
    assertEquals(3, h.windows());
  }

  @Test
  void forgetsWindowsWhoseEndTheWatermarkReachedAndAdmitsThemAgain() {
    WindowHighest h = new WindowHighest(10);
    h.admit(0, 9);
    h.admit(10, 9);
    h.admit(20, 9);
    h.forgetEndedBy(9);
    assertEquals(3, h.windows(), "window [0, 10) is open at 9");
    h.forgetEndedBy(20);
    assertEquals(1, h.windows());
    assertTrue(h.admit(0, 1), "a forgotten window passes more, never fewer");
    assertFalse(h.admit(20, 8), "window [20, 30) is remembered");
    h.forgetEndedBy(15); // behind the last watermark: nothing changes
    assertFalse(h.admit(20, 8));
  }

  @Test
  void forgetsTheLastWindowToo() {
    WindowHighest h = new WindowHighest(10);
    h.admit(30, 4);
    h.forgetEndedBy(40);
    assertEquals(0, h.windows());
    assertTrue(h.admit(30, 1));
  }

  @Test
  void rejectsASizeBelowOneMs() {
    assertThrows(IllegalArgumentException.class, () -> new WindowHighest(0));
  }
}
