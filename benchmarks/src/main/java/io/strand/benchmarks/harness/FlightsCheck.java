package io.strand.benchmarks.harness;

import io.strand.benchmarks.flights.FlightsOutputs;
import io.strand.benchmarks.flights.FlightsRunTopics;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the flights runs against each other: every run must hold one final total per airport
 * counting every flight loaded once, and its final totals and hourly records must equal, as
 * multisets, those of the suite's first flights run that passed on its own (the reference). The
 * first differences go to the log and into the check's line. Running ({@code final=false}) totals
 * are counted, not compared: they depend on when an engine windows.
 *
 * <p>Threading: the harness thread.
 */
final class FlightsCheck {

  private static final Logger LOG = LoggerFactory.getLogger(FlightsCheck.class);

  private final String bootstrapServers;
  private final long expectedFlights;
  private FlightsOutputs reference;
  private String referenceName;

  FlightsCheck(String bootstrapServers, long expectedFlights) {
    this.bootstrapServers = bootstrapServers;
    this.expectedFlights = expectedFlights;
  }

  /** @return flights loaded: each run's records to process */
  long expectedFlights() {
    return expectedFlights;
  }

  /**
   * @param w the workload run
   * @param round its round
   * @param spec its spec
   * @return the check's line, "ok   ..." or "FAIL ..."
   */
  String verify(Workload w, int round, WorkerSpec spec) {
    FlightsOutputs out = FlightsOutputs.read(bootstrapServers, FlightsRunTopics.totals(spec),
        FlightsRunTopics.hourly(spec));
    String name = w.label() + " round " + round;
    List<String> problems = new ArrayList<>(out.problems(expectedFlights));
    String compared;
    if (reference == null && problems.isEmpty()) {
      reference = out;
      referenceName = name;
      compared = "the reference the other flights runs are compared with";
    } else if (reference == null) {
      compared = "no reference yet";
    } else {
      List<String> diff = out.differences(reference);
      diff.forEach(d -> LOG.warn("{} against {}: {}", name, referenceName, d));
      if (!diff.isEmpty()) {
        problems.add("differs from " + referenceName + ": " + String.join("; ", diff));
      }
      compared = "equal to " + referenceName + "'s";
    }
    String summary = String.format(Locale.ROOT, "%,d final totals (%,d flights), %,d hourly records (%,d flights),"
            + " %,d running totals", out.finalRecords(), out.flightsInFinals(), out.hourlyRecords(),
        out.flightsInHours(), out.runningTotals());
    if (problems.isEmpty()) {
      return "ok   " + name + ": " + summary + "; " + compared;
    }
    problems.forEach(p -> LOG.warn("{}: {}", name, p));
    return "FAIL " + name + ": " + summary + "; " + String.join("; ", problems);
  }
}
