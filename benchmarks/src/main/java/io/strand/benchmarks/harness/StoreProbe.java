package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.measure.WorkerLauncher;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.Engine;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out whether Strand's store integration works ({@code TaskContext.getStore}) with a tiny
 * count job; when it does not, Strand's stateful rows are marked "not available" instead of measured.
 *
 * <p>Threading: the harness thread.
 */
final class StoreProbe {

  private static final Logger LOG = LoggerFactory.getLogger(Suite.class);

  private StoreProbe() {
  }

  static void run(SuiteSettings settings, SuiteResults results, String bootstrap, Topics topics,
      WorkerLauncher launcher, Path state) throws InterruptedException {
    boolean wanted = settings.workloads().stream().anyMatch(w -> w.engine() == Engine.STRAND && w.stateful());
    if (!wanted) {
      return;
    }
    String input = "bench-probe-input";
    DataSpec tiny = new DataSpec(2_000, 100, 0, settings.data().valueBytes(), 2, 1_000, 7);
    topics.create(input, tiny.partitions());
    Expected expected = new InputLoader(bootstrap).load(input, tiny, Suite.eventTimeBase());
    topics.create("bench-probe-out", tiny.partitions());
    WorkerSpec spec = new WorkerSpec(Workload.STRAND_COUNT, bootstrap, input, "bench-probe-out", "bench-probe", "",
        state.resolve("bench-probe"), tiny.records(), false, settings.storeCache());
    WorkerResult r = launcher.start(spec, "probe-STRAND_COUNT", List.of()).await(120_000);
    String diff = r.ok() ? new OutputCheck(bootstrap).check("bench-probe-out", Kind.COUNT, expected) : null;
    if (r.ok() && diff == null) {
      LOG.info("Strand store probe: TaskContext.getStore works; stateful Strand workloads will run");
    } else {
      String why = r.ok() ? "the probe job counted wrong: " + diff : "store integration not available ("
          + r.failure() + ")";
      LOG.warn("Strand store probe failed: {}; Strand's stateful rows say 'not available'", why);
      for (Workload w : Workload.values()) {
        if (w.engine() == Engine.STRAND && w.stateful()) {
          results.unavailable(w, why);
        }
      }
    }
    topics.deleteMatching(List.of("bench-probe"));
  }
}
