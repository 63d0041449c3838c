package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InFlightOffsetsTest {

  @Test
  void theCompletedPrefixAdvancesOnlyWhenTheOldestCompletes() {
    InFlightOffsets f = new InFlightOffsets(4);
    for (long o = 10; o < 14; o++) {
      f.add(o, o, false);
    }
    assertEquals(-1, f.complete(12));
    assertEquals(-1, f.complete(11));
    assertEquals(10, f.oldestOffset());
    assertEquals(12, f.complete(10), "10, 11 and 12 are now a completed prefix");
    assertEquals(13, f.oldestOffset());
    assertEquals(13, f.complete(13));
    assertTrue(f.isEmpty());
  }

  @Test
  void growsWhenCompletedMessagesPileUpBehindASlowOne() {
    InFlightOffsets f = new InFlightOffsets(2);
    f.add(0, 0, false);
    for (long o = 1; o <= 20; o++) {
      f.add(o, o, false);
      assertEquals(-1, f.complete(o));
    }
    f.add(21, 21, true); // skipped bad message: complete at once, still behind 0
    assertFalse(f.isEmpty());
    assertEquals(21, f.complete(0));
    assertTrue(f.isEmpty());
  }

  @Test
  void completingAnUnknownOffsetIsAnError() {
    InFlightOffsets f = new InFlightOffsets(2);
    f.add(5, 0, false);
    assertThrows(IllegalStateException.class, () -> f.complete(6));
  }
}
