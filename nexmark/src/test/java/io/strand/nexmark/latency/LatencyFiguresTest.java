package io.strand.nexmark.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyFiguresTest {

  @Test
  void percentilesAreNearestRank() {
    long[] ms = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray();
    LatencyFigures f = LatencyFigures.of(ms, 2, 3);
    assertEquals(1000, f.count());
    assertEquals(500, f.p50Ms());
    assertEquals(990, f.p99Ms());
    assertEquals(999, f.p999Ms());
    assertEquals(1, f.minMs());
    assertEquals(1000, f.maxMs());
    assertEquals(0, f.early());
    assertEquals(2, f.unmatched());
    assertEquals(3, f.warmUp());
    assertEquals(1000, ms[0], "the input is left as it was");
  }

  @Test
  void earlyResultsCountAsTheirNegativeLatencyNotAsZero() {
    LatencyFigures f = LatencyFigures.of(new long[] {-40, -30, 10}, 0, 0);
    assertEquals(-30, f.p50Ms());
    assertEquals(-40, f.minMs());
    assertEquals(2, f.early());
  }

  @Test
  void noResultsGiveZeros() {
    LatencyFigures f = LatencyFigures.of(new long[0], 1, 0);
    assertEquals(0, f.count());
    assertEquals(0, f.p99Ms());
    assertEquals(1, f.unmatched());
  }
}
