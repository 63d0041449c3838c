package io.strand.benchmarks.measure;

import java.nio.file.Path;

/**
 * What one worker run measured.
 *
 * @param name the run's name
 * @param ok whether it did its work
 * @param failure why not, when not ok
 * @param records records processed
 * @param elapsedNanos the timed window, ns
 * @param peakRssKb the worker's VmHWM, KiB
 * @param jobCpuNanos the worker's CPU time in the timed window, ns (-1 unknown)
 * @param brokerCpuNanos the broker's CPU time in the timed window, ns (-1 unknown)
 * @param log the worker's log file
 */
public record WorkerResult(String name, boolean ok, String failure, long records, long elapsedNanos,
    long peakRssKb, long jobCpuNanos, long brokerCpuNanos, Path log) {

  static WorkerResult failed(String name, String why, Path log) {
    return new WorkerResult(name, false, why, 0, 0, -1, -1, -1, log);
  }

  /** @return records per second over the timed window */
  public double recordsPerSecond() {
    return elapsedNanos <= 0 ? 0 : records * 1e9 / elapsedNanos;
  }
}
