package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.data.JoinInputLoader;
import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.report.SuiteResults;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.util.Locale;
import java.util.Map;

/**
 * The join workloads' inputs, loaded once per suite.
 *
 * <p>Threading: the harness thread.
 */
final class JoinInputs {

  private JoinInputs() {
  }

  /** Loads the join workloads' inputs, if any runs: the table, the join's two sides. */
  static JoinCheck load(SuiteSettings settings, SuiteResults results, String bootstrap, Topics topics, Expected expected,
      long eventTimeBase) {
    if (settings.workloads().stream().noneMatch(Workload::join)) {
      return null;
    }
    DataSpec data = settings.data();
    JoinInputLoader loader = new JoinInputLoader(bootstrap);
    if (settings.workloads().stream().anyMatch(w -> w.kind() == Kind.ENRICH)) {
      topics.create(JoinPayloads.TABLE, data.partitions(), Map.of("cleanup.policy", "compact"));
      loader.loadTable(JoinPayloads.TABLE, data, eventTimeBase);
    }
    JoinInputLoader.JoinTruth truth = null;
    if (settings.workloads().stream().anyMatch(w -> w.kind() == Kind.JOIN)) {
      topics.create(JoinPayloads.LEFT, data.partitions());
      topics.create(JoinPayloads.RIGHT, data.partitions());
      truth = loader.loadJoin(JoinPayloads.LEFT, JoinPayloads.RIGHT, data, eventTimeBase);
    }
    results.note(String.format(Locale.ROOT, "join workloads: %s%s%s", settings.workloads().stream()
            .anyMatch(w -> w.kind() == Kind.ENRICH) ? String.format(Locale.ROOT, "enrichment of the input with a table"
            + " of %,d rows ('%s', compacted, one %d-byte row per key, timestamped before the input; read first by"
            + " every engine), inner join, one output per input record", data.keys(), JoinPayloads.TABLE,
            JoinPayloads.TABLE_VALUE_BYTES) : "",
        truth != null && settings.workloads().stream().anyMatch(w -> w.kind() == Kind.ENRICH) ? "; " : "",
        truth == null ? "" : String.format(Locale.ROOT, "windowed inner join of '%s' and '%s' (%,d records each, the"
            + " input's keys and event-time density, other key draws), window +/- %d ms, grace %d ms: %,d pairs;"
            + " Strand's buffers and Kafka Streams' window stores are RocksDB with changelogs, the raw loop's"
            + " HashMaps", JoinPayloads.LEFT, JoinPayloads.RIGHT, data.records(), JoinPayloads.WINDOW_MS,
            JoinPayloads.GRACE_MS, truth.pairs())));
    return new JoinCheck(bootstrap, expected, truth);
  }
}
