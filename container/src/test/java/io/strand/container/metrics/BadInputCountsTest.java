package io.strand.container.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counts of two containers add up stream by stream; zero counts are not kept. */
class BadInputCountsTest {

  @Test
  void countsAddUpPerStreamAndZerosAreDropped() {
    BadInputCounts c0 = new BadInputCounts(Map.of("kafka.b", 2L, "kafka.a", 1L), Map.of("kafka.a", 0L));
    BadInputCounts c1 = new BadInputCounts(Map.of("kafka.b", 3L), Map.of("kafka.c", 4L));

    BadInputCounts sum = c0.plus(c1).plus(BadInputCounts.NONE);

    assertEquals(Map.of("kafka.a", 1L, "kafka.b", 5L), sum.skipped());
    assertEquals(List.of("kafka.a", "kafka.b"), List.copyOf(sum.skipped().keySet()), "sorted by stream");
    assertEquals(Map.of("kafka.c", 4L), sum.deadLettered());
    assertTrue(sum.any());
    assertFalse(new BadInputCounts(Map.of("kafka.a", 0L), Map.of()).any());
    assertEquals(BadInputCounts.NONE, new BadInputCounts(Map.of("kafka.a", 0L), Map.of("kafka.b", 0L)));
  }
}
