package io.strand.benchmarks.report;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Renders a run as {@code results.md}: setup, throughput per workload, Strand's ratios against the
 * targets, latency at a fixed low load and at 50 % of the maximum ({@link LatencyReport}), the second
 * table (the counts on 1 M keys, Zipf 1.0, when the suite ran it), correctness checks and notes.
 *
 * <p>Threading: stateless.
 */
public final class MarkdownReport {

  /** The p99 target (the issue states it at 50 % load; the report judges both load points), ms. */
  public static final double P99_TARGET_MS = 20;

  private MarkdownReport() {
  }

  /**
   * @param results the run
   * @param chartFiles the chart images written next to the report
   * @return the Markdown
   */
  public static String render(SuiteResults results, List<String> chartFiles) {
    SuiteSettings s = results.settings();
    DataSpec d = s.data();
    StringBuilder md = new StringBuilder();
    md.append("# Strand benchmark results\n\n");
    md.append("- command: `").append(s.command()).append("`\n");
    md.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
    md.append("- versions: Strand 0.1.0-SNAPSHOT, ").append(Machine.kafkaVersions()).append(", ")
        .append(Machine.jvm()).append('\n');
    md.append("- machine: ").append(Machine.describe()).append('\n');
    md.append(String.format(Locale.ROOT, "- input: %,d records, %,d keys (%s), 8-byte keys, %d-byte values, "
            + "%d partitions, %,d events per second of event time; %d round(s), interleaved, each run in a fresh JVM%n",
        d.records(), d.keys(), d.zipfExponent() > 0 ? "Zipf s=" + d.zipfExponent() : "uniform", d.valueBytes(),
        d.partitions(), d.eventsPerSecond(), s.rounds()));
    md.append("- broker: single-node KRaft in its own JVM (").append(s.brokerHeapMb())
        .append(" MiB heap, fixed: -Xms as -Xmx); job JVMs: `-Xmx1g -XX:+UseG1GC`; every engine on one processing thread\n");
    md.append("- client settings of every engine: producer ").append(ClientSettings.producer())
        .append(", consumer ").append(ClientSettings.consumer()).append(", commit every ")
        .append(ClientSettings.COMMIT_MS).append(" ms, at-least-once (exactly-once rows: the mode and commit interval"
            + " in their name); latency runs change ")
        .append(ClientSettings.latencyOverrides()).append(" for every engine\n");
    md.append("- count stores' record cache: ").append(s.storeCache().describe())
        .append("; both engines still emit one output per input record\n\n");

    md.append("## Throughput\n\n");
    md.append("records/s over the timed window (first record to job finished, outputs flushed and committed; a"
        + " restore: the engine's restore phase; the plain read: first poll to the end); CPU seconds of the job JVM"
        + " and of the broker JVM from the first record to the end (a restore: from the engine's start, so its"
        + " start-up and close count too); peak RSS (VmHWM) of the job JVM.\n\n");
    md.append(throughput(results));
    md.append("\n## Strand against the baselines\n\n");
    md.append("| work | Strand / raw | target | Strand / Kafka Streams | target |\n|---|---:|---:|---:|---:|\n");
    for (Ratios.Row r : Ratios.of(results)) {
      md.append("| ").append(r.kind().label()).append(" (raw = ").append(r.rawBaseline().label()).append(") | ")
          .append(ratio(r.vsRaw())).append(" | ").append(target(r.vsRaw(), r.rawTarget())).append(" | ")
          .append(ratio(r.vsStreams())).append(" | ").append(target(r.vsStreams(), r.streamsTarget())).append(" |\n");
    }

    Ratios.Row app = Ratios.flightsApp(results);
    if (app.vsRaw().isPresent() || app.vsStreams().isPresent()) {
      md.append("| flights job, Strand streams API FlightDelayApp (raw = ").append(Workload.RAW_FLIGHTS.label())
          .append(") | ").append(ratio(app.vsRaw())).append(" | - | ").append(ratio(app.vsStreams())).append(" | - |\n");
    }
    md.append(streamsApi(results));
    md.append(joins(results));
    md.append(exactlyOnce(results));
    md.append(restoreTimes(results));
    md.append(LatencyReport.render(results));
    results.largeKeys().ifPresent(large -> md.append(largeKeys(large)));

    md.append("\n## Checks\n\n");
    if (results.checks().isEmpty()) {
      md.append("- (none ran)\n");
    }
    results.checks().forEach(c -> md.append("- ").append(c).append('\n'));
    results.measurements().stream().filter(m -> !m.result().ok()).forEach(m -> md.append("- FAIL ")
        .append(m.workload().label()).append(" round ").append(m.round()).append(": ").append(m.result().failure())
        .append('\n'));
    if (!results.notes().isEmpty()) {
      md.append("\n## Notes\n\n");
      results.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    }
    if (!chartFiles.isEmpty()) {
      md.append("\n## Charts\n\n");
      chartFiles.forEach(f -> md.append("![").append(f).append("](").append(f).append(")\n\n"));
    }
    return md.toString();
  }

  /**
   * @param results the run
   * @param dir where to write {@code results.md}
   * @param chartFiles chart file names in that directory
   * @throws IOException if it cannot be written
   */
  public static void write(SuiteResults results, Path dir, List<String> chartFiles) throws IOException {
    Files.writeString(dir.resolve("results.md"), render(results, chartFiles), StandardCharsets.UTF_8);
  }

  /** The throughput table of a run (or of its second table). */
  private static String throughput(SuiteResults results) {
    SuiteSettings s = results.settings();
    StringBuilder md = new StringBuilder();
    md.append("| workload | median rec/s | min | max | job CPU s | broker CPU s | job CPU µs/rec | peak RSS MiB | runs |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Workload w : Workload.values()) {
      if (!s.workloads().contains(w)) {
        continue;
      }
      String why = results.unavailable().get(w);
      if (why != null) {
        md.append("| ").append(w.label()).append(" | not available | | | | | | | 0 |\n");
        continue;
      }
      List<Measurement> ok = results.ok(w);
      long all = results.measurements().stream().filter(m -> m.workload() == w).count();
      if (ok.isEmpty()) {
        md.append("| ").append(w.label()).append(" | failed | | | | | | | 0/").append(all).append(" |\n");
        continue;
      }
      double[] rates = ok.stream().mapToDouble(m -> m.result().recordsPerSecond()).toArray();
      double jobCpu = Stats.median(ok.stream().mapToDouble(m -> m.result().jobCpuNanos() / 1e9).toArray()).orElse(-1);
      double brokerCpu = Stats.median(ok.stream().mapToDouble(m -> m.result().brokerCpuNanos() / 1e9).toArray())
          .orElse(-1);
      double records = Stats.median(ok.stream().mapToDouble(m -> m.result().records()).toArray()).orElse(1);
      long rss = ok.stream().mapToLong(m -> m.result().peakRssKb()).max().orElse(-1) / 1024;
      md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.2f | %d | %d/%d |%n",
          w.label(), Stats.median(rates).getAsDouble(), min(rates), max(rates), jobCpu, brokerCpu,
          jobCpu * 1e6 / records, rss, ok.size(), all));
    }
    if (!results.unavailable().isEmpty()) {
      md.append("\nNot available: ");
      results.unavailable().forEach((w, why) -> md.append(w.label()).append(" (").append(why).append("); "));
      md.append('\n');
    }

    return md.toString();
  }

  /**
   * The second table: the count on the large key space against its raw ceiling and Kafka Streams
   * (issue 17's targets), with its own checks and notes.
   */
  static String largeKeys(SuiteResults large) {
    DataSpec d = large.settings().data();
    StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%n## %,d keys, Zipf %s%n%n", d.keys(),
        d.zipfExponent()));
    md.append(String.format(Locale.ROOT, "The same %,d records (value size, partitions, event time) with %,d keys drawn"
            + " Zipf s=%s, in their own input topic, run after the first table's rounds (and its latency runs),"
            + " %d round(s), interleaved; count stores' record cache: %s.%n%n", d.records(), d.keys(),
        d.zipfExponent(), large.settings().rounds(), large.settings().storeCache().describe()));
    md.append(throughput(large));
    md.append("\n| work | Strand / raw | target | Strand / Kafka Streams | target |\n|---|---:|---:|---:|---:|\n");
    Ratios.Row r = Ratios.largeKeyCount(large);
    md.append("| ").append(r.kind().label()).append(" (raw = ").append(r.rawBaseline().label()).append(") | ")
        .append(ratio(r.vsRaw())).append(" | ").append(target(r.vsRaw(), r.rawTarget())).append(" | ")
        .append(ratio(r.vsStreams())).append(" | ").append(target(r.vsStreams(), r.streamsTarget())).append(" |\n");
    md.append("\nChecks and notes of these runs:\n\n");
    large.checks().forEach(c -> md.append("- ").append(c).append('\n'));
    large.measurements().stream().filter(m -> !m.result().ok()).forEach(m -> md.append("- FAIL ")
        .append(m.workload().label()).append(" round ").append(m.round()).append(": ").append(m.result().failure())
        .append('\n'));
    large.notes().forEach(n -> md.append("- ").append(n).append('\n'));
    return md.toString();
  }

  /** The streams API windowed count against the hand-written task and Kafka Streams, when it ran. */
  private static String streamsApi(SuiteResults results) {
    List<StreamsApiRatios.Row> rows = StreamsApiRatios.of(results);
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Streams API\n\n").append(StreamsApiRatios.STREAMS_API.label())
        .append(" (every update emitted) against the same work written by hand, in Kafka Streams' DSL (the same"
            + " program; its store without the record cache, which in the DSL would also hold back the results until"
            + " the commit) and with Kafka Streams' Processor API; each ratio of the medians, in brackets the lowest"
            + " and highest ratio within one round.\n\n")
        .append("| streams API / | ratio |\n|---|---:|\n");
    for (StreamsApiRatios.Row r : rows) {
      md.append("| ").append(r.baseline().label()).append(" | ")
          .append(r.ratio().map(ExactlyOnceRatios.Ratio::describe).orElse("n/a")).append(" |\n");
    }
    return md.toString();
  }

  /** The join workloads' ratios, when Strand's ran. */
  private static String joins(SuiteResults results) {
    List<JoinRatios.Row> rows = JoinRatios.of(results);
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Joins\n\n")
        .append("Strand's streams API against Kafka Streams' DSL doing the same join (and the raw loop: the ceiling"
            + " without durability); records/s ratios of the medians, in brackets the lowest and highest ratio within"
            + " one round; job CPU per record (median) of both engines, which a loaded machine moves less.\n\n")
        .append("| work | Strand / Kafka Streams | target | Strand / raw | Strand job CPU µs/rec |"
            + " Kafka Streams job CPU µs/rec |\n|---|---:|---:|---:|---:|---:|\n");
    for (JoinRatios.Row r : rows) {
      md.append("| ").append(r.kind().label()).append(" | ")
          .append(r.vsStreams().map(ExactlyOnceRatios.Ratio::describe).orElse("n/a")).append(" | ")
          .append(r.vsStreams().map(ExactlyOnceRatios.Ratio::verdict)
              .orElse(String.format(java.util.Locale.ROOT, ">= %.2fx", JoinRatios.TARGET))).append(" | ")
          .append(r.vsRaw().map(ExactlyOnceRatios.Ratio::describe).orElse("n/a")).append(" | ")
          .append(micros(r.strandCpuMicros())).append(" | ").append(micros(r.streamsCpuMicros())).append(" |\n");
    }
    return md.toString();
  }

  private static String micros(OptionalDouble v) {
    return v.isPresent() ? String.format(java.util.Locale.ROOT, "%.2f", v.getAsDouble()) : "n/a";
  }

  /** Strand's exactly-once ratios, when its exactly-once workloads ran. */
  private static String exactlyOnce(SuiteResults results) {
    List<ExactlyOnceRatios.Row> rows = ExactlyOnceRatios.of(results);
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n## Exactly-once\n\nStrand in exactly-once mode against Kafka Streams"
        + " `exactly_once_v2` with `enable.transactional.statestores=true`, against the raw transactional loop, and"
        + " against Strand's own at-least-once row (commit every " + ClientSettings.COMMIT_MS + " ms); each ratio of"
        + " the medians, in brackets the lowest and highest ratio within one round.\n\n");
    md.append("| work | commit | Strand / Kafka Streams | target | Strand / raw transactional | target"
        + " | Strand / Strand at-least-once | target |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (ExactlyOnceRatios.Row r : rows) {
      md.append("| exactly-once ").append(r.kind().label()).append(" | ").append(Workload.interval(r.commitMs()));
      for (java.util.Optional<ExactlyOnceRatios.Ratio> ratio : List.of(r.vsStreams(), r.vsRaw(), r.vsAtLeastOnce())) {
        md.append(" | ").append(ratio.map(ExactlyOnceRatios.Ratio::describe).orElse("n/a")).append(" | ")
            .append(ratio.map(ExactlyOnceRatios.Ratio::verdict).orElse("-"));
      }
      md.append(" |\n");
    }
    return md.toString();
  }

  /** The seconds behind the restore rates, with what was restored. */
  private static String restoreTimes(SuiteResults results) {
    StringBuilder sb = new StringBuilder();
    for (Workload w : List.of(Workload.STRAND_RESTORE, Workload.KAFKA_STREAMS_RESTORE)) {
      List<Measurement> ok = results.ok(w);
      if (ok.isEmpty()) {
        continue;
      }
      double seconds = Stats.median(ok.stream().mapToDouble(m -> m.result().elapsedNanos() / 1e9).toArray())
          .getAsDouble();
      sb.append(String.format(Locale.ROOT, "- %s: %,d changelog records in %.2f s (median)%n", w.label(),
          ok.get(0).result().records(), seconds));
    }
    return sb.length() == 0 ? "" : "\nBoth engines restore the same changelog, written once by the harness as an"
        + " uncached count of the input writes it (one record per input record: key, running count; same partition"
        + " as the input record), into an empty state directory; the plain read reads the same topic:\n\n" + sb;
  }

  private static String ratio(OptionalDouble r) {
    return r.isPresent() ? String.format(Locale.ROOT, "%.2fx", r.getAsDouble()) : "n/a";
  }

  private static String target(OptionalDouble r, double target) {
    if (Double.isNaN(target)) {
      return "-";
    }
    String t = String.format(Locale.ROOT, ">= %.2fx", target);
    return r.isPresent() ? t + (r.getAsDouble() >= target ? " met" : " **missed**") : t;
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(0);
  }
}
