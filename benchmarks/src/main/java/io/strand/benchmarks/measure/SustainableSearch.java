package io.strand.benchmarks.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The search for a workload's sustainable maximum: the highest offered load at which the system
 * keeps up (its latency does not grow without bound), measured in the same setup as the latency
 * points: the load generator and the probe on the same machine, the latency client settings
 * (Karimov et al., "Benchmarking Distributed Stream Data Processing Systems", ICDE 2018, define
 * the latency experiment's maximum so). A throughput-mode maximum (input preloaded, no load
 * generator) can be far above it on a small machine, and half of it then is still a queue.
 *
 * <p>Bisection between a rate known (or taken) to be sustained and one known to saturate: each
 * step offers the geometric middle of the two (the search's resolution is relative) to one running
 * job and a {@link Judge} says whether it kept up (the suite's saturation rule,
 * {@code MeasuredWindow.saturation}); the bracket halves (in log) until its top is within
 * {@code resolution} of its bottom or the steps run out. The sustainable maximum reported is the
 * bracket's bottom: the highest rate that was sustained.
 *
 * <p>Threading: {@link #run} calls the judge on the caller's thread.
 */
public final class SustainableSearch {

  /** The suite's resolution: the search ends when its top is within this share above its bottom (10 %). */
  public static final double SUITE_RESOLUTION = 0.10;
  /**
   * The suite's step limit per workload: from 20 k to 600 k records/s, five steps reach 11 %; from
   * 20 k to 188 k, 7 %.
   */
  public static final int SUITE_STEPS = 5;

  /** Judges one offered load. */
  @FunctionalInterface
  public interface Judge {

    /**
     * Offers {@code rate} for a warm-up and a short window, then judges it.
     *
     * @param rate offered records/s
     * @return the step's result
     * @throws InterruptedException if interrupted
     */
    Step offer(double rate) throws InterruptedException;
  }

  /**
   * One offered load and its verdict.
   *
   * @param rate offered records/s
   * @param saturation why it saturated, or empty when it was sustained
   * @param p50Ms the window's median latency, ms (NaN if not known)
   * @param p99Ms the window's 99th percentile, ms (NaN if not known)
   */
  public record Step(double rate, String saturation, double p50Ms, double p99Ms) {

    /** Validates. */
    public Step {
      Objects.requireNonNull(saturation, "saturation");
    }

    /**
     * @param rate offered records/s
     * @param r what the probe measured at it
     * @return the step
     */
    public static Step of(double rate, LatencyResult r) {
      return new Step(rate, r.saturation(), r.p50Ms(), r.p99Ms());
    }

    /** @return true when the load was kept up with */
    public boolean sustained() {
      return saturation.isEmpty();
    }
  }

  /**
   * A search's outcome.
   *
   * @param sustainedRate the highest rate sustained: a step's, or the bracket's bottom as given
   * @param saturatedRate the lowest rate that saturated: a step's, or the bracket's top as given
   * @param steps the steps offered, in order
   */
  public record Outcome(double sustainedRate, double saturatedRate, List<Step> steps) {

    /** Copies the steps. */
    public Outcome {
      steps = List.copyOf(steps);
    }

    /** @return the bracket's width: top over bottom, minus one (0.1: the maximum is known to 10 %) */
    public double resolution() {
      return saturatedRate / sustainedRate - 1;
    }
  }

  /**
   * A bracket of offered loads: the highest rate known (or taken) to be sustained and the lowest
   * known (or taken) to saturate.
   *
   * @param sustained the bracket's bottom, records/s
   * @param saturated the bracket's top, records/s
   */
  public record Bracket(double sustained, double saturated) {

    /**
     * @param resolution a share (0.1: 10 %)
     * @return true when the top is within {@code resolution} above the bottom: no step is needed
     */
    public boolean within(double resolution) {
      return saturated <= sustained * (1 + resolution);
    }
  }

  private final double resolution;
  private final int maxSteps;

  /**
   * @param resolution stop when the saturating rate is within this share above the sustained one
   *     (0.1: 10 %), positive
   * @param maxSteps at most this many steps, at least 1
   */
  public SustainableSearch(double resolution, int maxSteps) {
    if (!(resolution > 0)) {
      throw new IllegalArgumentException("resolution must be > 0, was " + resolution);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be >= 1, was " + maxSteps);
    }
    this.resolution = resolution;
    this.maxSteps = maxSteps;
  }

  /**
   * Narrows a bracket by what earlier runs showed (a point measured at a rate in it), before any step.
   *
   * @param sustained the bracket's bottom, records/s
   * @param saturated the bracket's top, records/s
   * @param known a rate measured before and its verdict, if any
   * @return the narrowed bracket
   */
  public static Bracket narrow(double sustained, double saturated, Optional<Step> known) {
    double lo = sustained;
    double hi = saturated;
    if (known.isPresent()) {
      double r = known.get().rate();
      if (known.get().sustained() && r > lo && r < hi) {
        lo = r;
      } else if (!known.get().sustained() && r < hi && r > lo) {
        hi = r;
      }
    }
    return new Bracket(lo, hi);
  }

  /**
   * Bisects within {@code from}.
   *
   * @param from the bracket to start from
   * @param judge offers each step
   * @return the outcome
   * @throws InterruptedException if the judge is interrupted
   * @throws IllegalArgumentException if the bracket is empty or not positive
   */
  public Outcome run(Bracket from, Judge judge) throws InterruptedException {
    return run(from.sustained(), from.saturated(), judge);
  }

  /**
   * Bisects between {@code sustained} and {@code saturated}.
   *
   * @param sustained a rate taken as sustained (the bracket's bottom), records/s, positive
   * @param saturated a rate taken as saturating (the bracket's top), records/s, above {@code sustained}
   * @param judge offers each step
   * @return the outcome
   * @throws InterruptedException if the judge is interrupted
   * @throws IllegalArgumentException if the bracket is empty or not positive
   */
  public Outcome run(double sustained, double saturated, Judge judge) throws InterruptedException {
    if (!(sustained > 0) || !(saturated > sustained)) {
      throw new IllegalArgumentException("need 0 < sustained < saturated, was " + sustained + ", " + saturated);
    }
    double lo = sustained;
    double hi = saturated;
    List<Step> steps = new ArrayList<>();
    while (steps.size() < maxSteps && hi > lo * (1 + resolution)) {
      double mid = Math.sqrt(lo * hi);
      Step step = judge.offer(mid);
      steps.add(step);
      if (step.sustained()) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return new Outcome(lo, hi, steps);
  }
}
