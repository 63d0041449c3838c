package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.benchmarks.data.Payloads;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobHopsTest {

  private static final long NOW = 1_796_565_960_500_000L; // epoch µs, half a second into a second

  @Test
  void splitsEachStampedRecordByStageAndSecondAndSkipsValuesWithoutARecentStamp() {
    JobHops.Recorder r = new JobHops.Recorder();
    long origin = NOW - 30_000; // stamped 30 ms ago, same second
    r.polled(Payloads.value(100, origin), (NOW - 10_000) / 1000, NOW); // appended 10 ms ago
    r.sent(Payloads.countOutput(Payloads.value(100, origin), 1), NOW + 2_000);
    r.acknowledged((NOW - 1_000) / 1000, NOW + 4_000);
    r.polled(Payloads.value(100, 0), -1, NOW); // the throughput input: no stamp
    r.sent(new byte[4], NOW); // too short to carry one
    r.acknowledged(0, NOW); // an old create time
    long second = NOW / 1_000_000;
    List<String> lines = r.lines();
    assertEquals("stage,origin_second,records,p50_ms,p99_ms,p999_ms,max_ms", lines.get(0));
    assertEquals(5, lines.size(), lines.toString());
    assertRow(lines.get(1), JobHops.INPUT_LOG_TO_POLL, second, 10);
    assertRow(lines.get(2), JobHops.STAMP_TO_POLL, second, 30);
    assertRow(lines.get(3), JobHops.STAMP_TO_SEND, second, 32);
    assertRow(lines.get(4), JobHops.OUTPUT_LOG_TO_ACK, second, 5);
  }

  /** Histograms of 2 significant digits: each percentile within 1 % of the one value recorded. */
  private static void assertRow(String line, String stage, long second, double ms) {
    String[] f = line.split(",");
    assertEquals(stage, f[0], line);
    assertEquals(Long.toString(second), f[1], line);
    assertEquals("1", f[2], line);
    for (int i = 3; i < 7; i++) {
      assertEquals(ms, Double.parseDouble(f[i]), ms / 100, line);
    }
  }
}
