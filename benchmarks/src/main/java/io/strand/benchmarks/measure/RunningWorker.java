package io.strand.benchmarks.measure;

import io.strand.benchmarks.progress.WorkerProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM while it runs. A reader thread follows the worker's stdout protocol
 * ({@link WorkerProtocol}) and samples the CPU time of the worker and of the broker
 * ({@link ProcessHandle.Info#totalCpuDuration()}, from {@code /proc/<pid>/stat} on Linux) at its
 * START and END lines, so the CPU figures cover the timed window only.
 *
 * <p>Threading: the reader thread writes the samples; the other methods are for the harness thread.
 */
public final class RunningWorker {

  private final String name;
  private final Process process;
  private final ProcessHandle broker;
  private final Path resultFile;
  private final Path logFile;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread reader;
  private volatile long jobCpuStart = -1;
  private volatile long jobCpuEnd = -1;
  private volatile long brokerCpuStart = -1;
  private volatile long brokerCpuEnd = -1;

  RunningWorker(String name, Process process, ProcessHandle broker, Path resultFile, Path logFile) {
    this.name = name;
    this.process = process;
    this.broker = broker;
    this.resultFile = resultFile;
    this.logFile = logFile;
    this.reader = new Thread(this::follow, "worker-stdout-" + name);
    this.reader.setDaemon(true);
    this.reader.start();
  }

  private void follow() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith(WorkerProtocol.PREFIX)) {
          continue;
        }
        switch (line.substring(WorkerProtocol.PREFIX.length())) {
          case WorkerProtocol.READY -> ready.countDown();
          case WorkerProtocol.START -> {
            jobCpuStart = cpuNanos(process.toHandle());
            brokerCpuStart = cpuNanos(broker);
          }
          case WorkerProtocol.END -> {
            jobCpuEnd = cpuNanos(process.toHandle());
            brokerCpuEnd = cpuNanos(broker);
          }
          default -> { }
        }
      }
    } catch (IOException e) {
      // The worker is gone; its exit code tells the rest.
    }
  }

  private static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** @return the worker's process */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /**
   * @param timeoutMs the longest to wait
   * @return true once the worker printed READY, false on timeout or if it died first
   * @throws InterruptedException if interrupted
   */
  public boolean awaitReady(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      if (ready.await(100, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
    }
    return false;
  }

  /** Closes the worker's stdin: a latency-mode worker stops its job and exits. */
  public void requestStop() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed or the worker is gone.
    }
  }

  /**
   * Waits for the worker to exit (killing it after the timeout) and collects what it measured.
   *
   * @param timeoutMs the longest to wait
   * @return the result; {@link WorkerResult#ok()} is false when the worker failed or timed out
   * @throws InterruptedException if interrupted
   */
  public WorkerResult await(long timeoutMs) throws InterruptedException {
    boolean exited = process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    if (!exited) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return WorkerResult.failed(name, "timed out after " + timeoutMs / 1000 + " s", logFile);
    }
    reader.join(10_000);
    if (process.exitValue() != 0 || !Files.exists(resultFile)) {
      return WorkerResult.failed(name, "exit " + process.exitValue() + ": " + lastError(), logFile);
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(resultFile, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      return WorkerResult.failed(name, "unreadable result " + resultFile + ": " + e, logFile);
    }
    return new WorkerResult(name, true, null, Long.parseLong(p.getProperty("records")),
        Long.parseLong(p.getProperty("elapsed.nanos")), Long.parseLong(p.getProperty("vmhwm.kb")),
        delta(jobCpuStart, jobCpuEnd), delta(brokerCpuStart, brokerCpuEnd), logFile);
  }

  private static long delta(long start, long end) {
    return start < 0 || end < 0 ? -1 : end - start;
  }

  private String lastError() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("ERROR") || lines.get(i).contains("Exception")) {
          return lines.get(i).trim();
        }
      }
      return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).trim();
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
