package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.report.Machine;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.SuiteSettings;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's second table (issue 17): the raw passthrough and both stateful counts once more per
 * round on 1,000,000 keys drawn Zipf 1.0, from an input topic of their own.
 *
 * <p>Threading: the harness thread.
 */
final class LargeKeyTable {

  private static final Logger LOG = LoggerFactory.getLogger(Suite.class);
  /** The second table's input (a name no job's marker matches). */
  private static final String LARGE_KEYS_INPUT = "bench-input-large-keys";

  private LargeKeyTable() {
  }

  /**
   * The second table: its own input topic (the large key space, loaded once, deleted after), then
   * its rounds, interleaved as the first table's, with job names of their own ({@code bench-k<round>-})
   * so no state directory or topic of the first table's runs is reused.
   *
   * @param results the first table (what was unavailable there is here too)
   * @param large the second table
   */
  static void run(SuiteResults results, SuiteResults large, String bootstrap, Topics topics, WorkerLauncher launcher,
      Path state, long eventTimeBase) throws InterruptedException {
    SuiteSettings s = large.settings();
    DataSpec data = s.data();
    LOG.info("Second table: {} workloads on {} keys, Zipf {}", s.workloads().size(), data.keys(), data.zipfExponent());
    large.note("load average (1 / 5 / 15 min) when the second table started: " + Machine.loadAverage());
    results.unavailable().forEach((w, why) -> {
      if (s.workloads().contains(w)) {
        large.unavailable(w, why);
      }
    });
    topics.create(LARGE_KEYS_INPUT, data.partitions());
    Expected expected = new InputLoader(bootstrap).load(LARGE_KEYS_INPUT, data, eventTimeBase);
    RoundRunner rounds = new RoundRunner(s, large, LARGE_KEYS_INPUT, "k", bootstrap, topics, launcher, state,
        expected, null, null, null);
    for (int round = 1; round <= s.rounds(); round++) {
      LOG.info("Second table: round {} of {}", round, s.rounds());
      rounds.run(round);
    }
    topics.deleteMatching(List.of(LARGE_KEYS_INPUT));
    large.note("load average (1 / 5 / 15 min) when the second table ended: " + Machine.loadAverage());
  }
}
