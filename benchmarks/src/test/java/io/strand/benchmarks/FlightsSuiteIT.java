package io.strand.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The flights workloads end to end on a slice of the January 2001 file: each engine (the raw loop,
 * Strand's {@code FlightDelayTask}, Strand's streams API {@code FlightDelayApp}, Kafka Streams'
 * DSL) runs once in its own JVM against a real broker, and the suite's check finds their final
 * totals and hourly records equal. Fails when a run fails or the outputs differ, never on the
 * numbers.
 */
class FlightsSuiteIT {

  private static final List<Workload> FLIGHTS = Arrays.stream(Workload.values())
      .filter(w -> w.kind() == Kind.FLIGHTS).toList();

  @Test
  void everyEngineGivesTheSameFinalTotalsAndHourlyRecords() throws Exception {
    Path out = Path.of("target", "flights-benchmark").toAbsolutePath();

    int exit = BenchmarkCommand.execute("--rounds", "1", "--latency-seconds", "0", "--flights-lines", "20000",
        "--workloads", FLIGHTS.stream().map(Workload::name).collect(Collectors.joining(",")), "--out", out.toString());

    String report = Files.readString(out.resolve("results.md"), StandardCharsets.UTF_8);
    assertEquals(0, exit, () -> "the flights suite failed; its report:\n" + report);
    assertEquals(4, FLIGHTS.size());
    for (Workload w : FLIGHTS) {
      assertTrue(report.contains("| " + w.label() + " |"), () -> "no row for " + w.label() + " in\n" + report);
      assertTrue(report.contains("- ok   " + w.label() + " round 1: 222 final totals (20,000 flights)"),
          () -> "no passing check for " + w.label() + " in\n" + report);
    }
    // 222 airports fly in the first 20,000 lines. The raw loop runs first and is the reference;
    // the three others were compared with it.
    assertEquals(3, report.split("equal to " + Workload.RAW_FLIGHTS.label() + " round 1's", -1).length - 1,
        () -> "not every engine was compared with the raw loop in\n" + report);
    assertTrue(report.contains("| flights job (raw = " + Workload.RAW_FLIGHTS.label() + ") |"),
        () -> "no flights ratios in\n" + report);
  }
}
