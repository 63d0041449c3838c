package io.strand.benchmarks.report;

import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.workload.SuiteSettings;
import io.strand.benchmarks.workload.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one suite run measured, filled by the harness as it goes, then rendered.
 *
 * <p>Threading: filled by the harness thread, read after.
 */
public final class SuiteResults {

  private final SuiteSettings settings;
  private final List<Measurement> measurements = new ArrayList<>();
  private final List<LatencyRun> latency = new ArrayList<>();
  private final Map<Workload, SustainableMax> sustainable = new EnumMap<>(Workload.class);
  private final Map<Workload, String> unavailable = new EnumMap<>(Workload.class);
  private final List<String> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final SuiteResults largeKeys;

  /** @param settings how the suite ran */
  public SuiteResults(SuiteSettings settings) {
    this.settings = settings;
    this.largeKeys = settings.largeKeyTable().map(SuiteResults::new).orElse(null);
  }

  /**
   * @return what the second table's runs measured ({@link SuiteSettings#largeKeyTable()}), filled
   *     like this one; empty when the suite has no second table
   */
  public Optional<SuiteResults> largeKeys() {
    return Optional.ofNullable(largeKeys);
  }

  /** @return how the suite ran */
  public SuiteSettings settings() {
    return settings;
  }

  /** @param m a throughput run */
  public void add(Measurement m) {
    measurements.add(m);
  }

  /** @param w a workload
   *  @param point the load point
   *  @param r its latency at that load
   *  @param usage what its window cost the machine, if noted */
  public void latency(Workload w, LoadPoint point, LatencyResult r,
      java.util.Optional<io.strand.benchmarks.measure.WindowResources.Usage> usage) {
    latency.add(new LatencyRun(w, point, r, usage));
  }

  /**
   * @param w a workload
   * @param max its sustainable maximum in the latency setup, as searched
   */
  public void sustainable(Workload w, SustainableMax max) {
    sustainable.put(w, max);
  }

  /** @return each searched workload's sustainable maximum, in the workloads' order */
  public Map<Workload, SustainableMax> sustainable() {
    return Collections.unmodifiableMap(sustainable);
  }

  /** @param w a workload that cannot run
   *  @param why the reason shown in its row */
  public void unavailable(Workload w, String why) {
    unavailable.put(w, why);
  }

  /** @param line the outcome of a correctness check */
  public void check(String line) {
    checks.add(line);
  }

  /** @param line a remark for the report */
  public void note(String line) {
    notes.add(line);
  }

  /** @return every throughput run */
  public List<Measurement> measurements() {
    return Collections.unmodifiableList(measurements);
  }

  /** @param w a workload
   *  @return its successful runs */
  public List<Measurement> ok(Workload w) {
    return measurements.stream().filter(m -> m.workload() == w && m.result().ok()).toList();
  }

  /** @param w a workload
   *  @return median records/s over its successful runs, if any */
  public OptionalDouble medianRate(Workload w) {
    return Stats.median(ok(w).stream().mapToDouble(m -> m.result().recordsPerSecond()).toArray());
  }

  /** @return latency results in the order measured */
  public List<LatencyRun> latency() {
    return Collections.unmodifiableList(latency);
  }

  /** @param point a load point
   *  @return the latency results at that point, by workload */
  public Map<Workload, LatencyResult> latency(LoadPoint point) {
    Map<Workload, LatencyResult> m = new EnumMap<>(Workload.class);
    latency.stream().filter(r -> r.point() == point).forEach(r -> m.put(r.workload(), r.result()));
    return m;
  }

  /** @return workloads that could not run, with the reason */
  public Map<Workload, String> unavailable() {
    return Collections.unmodifiableMap(unavailable);
  }

  /** @return correctness check outcomes */
  public List<String> checks() {
    return Collections.unmodifiableList(checks);
  }

  /** @return remarks */
  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  /** @return true when at least one run failed or a check found a difference, here or in the second table */
  public boolean anyFailure() {
    return measurements.stream().anyMatch(m -> !m.result().ok()) || checks.stream().anyMatch(c -> c.startsWith("FAIL"))
        || (largeKeys != null && largeKeys.anyFailure());
  }
}
