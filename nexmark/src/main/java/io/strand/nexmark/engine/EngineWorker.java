package io.strand.nexmark.engine;

import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.query.Query;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The worker JVM of one run: loads the engine by name ({@link NexmarkEngine}, ServiceLoader),
 * starts the query, waits until every end-of-input marker of the query's inputs has been read
 * ({@link EndOfInput}) and the output topic has not grown for {@code --quiet-ms}, stops the engine
 * and prints one {@link WorkerResult} line ({@link #READY} before, once the engine runs). Exit code 0 when the run completed, 1 when it failed,
 * 3 when the engine or the query is absent. Uses only this module's model, query and engine
 * packages, kafka-clients and Jackson, so any engine module's class path can run it.
 */
@Command(name = "nexmark-worker", mixinStandardHelpOptions = true, description = "Runs one Nexmark query on one engine.")
public final class EngineWorker implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(EngineWorker.class);

  /** The line the worker prints once the engine has started (the harness then starts a live generation). */
  public static final String READY = "NEXMARK-READY";

  @Option(names = "--engine", required = true) String engine;
  @Option(names = "--query", required = true) String query;
  @Option(names = "--bootstrap-servers", required = true) String bootstrapServers;
  @Option(names = "--run-id", required = true) String runId;
  @Option(names = "--work-dir", required = true) Path workDir;
  @Option(names = "--parallelism", defaultValue = "1") int parallelism;
  @Option(names = "--max-auction-duration-ms", required = true,
      description = "the generation's longest auction, ms (EventGenerator.maxAuctionDurationMs)") long maxAuctionDurationMs;
  @Option(names = "--input-records", required = true, description = "events in the query's input topics") long inputRecords;
  @Option(names = "--quiet-ms", defaultValue = "2000", description = "output unchanged this long after the markers: done") long quietMs;
  @Option(names = "--timeout-s", defaultValue = "1200") long timeoutS;
  @Option(names = "--expected-outputs", defaultValue = "0",
      description = "output records there are at least, when known (the run lasts until they are there)") long expectedOutputs;

  @Override
  public Integer call() {
    Query q = Query.of(query);
    Optional<NexmarkEngine> found = ServiceLoader.load(NexmarkEngine.class).stream()
        .map(ServiceLoader.Provider::get).filter(e -> e.name().equals(engine)).findFirst();
    if (found.isEmpty()) {
      return report(WorkerResult.notRun(engine, q.id(), "absent", "no engine '" + engine + "' on the class path"), 3);
    }
    String output = q.outputTopic(engine);
    try {
      Files.createDirectories(workDir);
      NexmarkEngine.Running running;
      try {
        running = found.get().start(q, new EngineSettings(bootstrapServers, runId, workDir, parallelism, maxAuctionDurationMs));
      } catch (UnsupportedOperationException e) {
        return report(WorkerResult.notRun(engine, q.id(), "unsupported", String.valueOf(e.getMessage())), 3);
      }
      // Standard output is the protocol with the harness (READY, then one result line), not a log.
      System.out.println(READY);
      System.out.flush();
      try (running) {
        long[] firstCpu = {-1};
        ThreadCpu threads = new ThreadCpu();
        RunMonitor.Completion done = RunMonitor.await(bootstrapServers, q, output, Duration.ofMillis(quietMs),
            Duration.ofSeconds(timeoutS), expectedOutputs, () -> {
              firstCpu[0] = cpuNanos();
              threads.start();
            });
        long cpu = cpuNanos() - Math.max(firstCpu[0], 0);  // includes the quiet period's (idle) CPU
        // Standard error: the worker's log whatever the engine's logging set-up (Flink's logs nothing here).
        System.err.println("nexmark-worker: CPU over the timed window and quiet period, " + Math.round(cpu / 1e6)
            + " ms in all; " + threads.since());
        return report(new WorkerResult(engine, q.id(), "ok", "", inputRecords, done.seconds(),
            inputRecords / done.seconds(), (double) cpu / Math.max(inputRecords, 1), peakRss(), done.outputRecords()), 0);
      }
    } catch (Exception e) {
      LOG.error("Nexmark {} on {} failed", q.id(), engine, e);
      return report(WorkerResult.notRun(engine, q.id(), "failed", e.toString()), 1);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** VmHWM from /proc/self/status, bytes; 0 where there is no /proc. */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static int report(WorkerResult result, int code) {
    System.out.println(WorkerResult.PREFIX + new String(NexmarkJson.write(result), StandardCharsets.UTF_8));
    System.out.flush();
    return code;
  }

  /**
   * Runs one query and exits (engines may leave non-daemon threads behind).
   *
   * @param args the options
   */
  public static void main(String[] args) {
    int code = new CommandLine(new EngineWorker()).execute(args);
    stopFlightRecordings();
    Runtime.getRuntime().halt(code);
  }

  /**
   * Stops the JFR recordings the harness started ({@code --jfr}), which writes each to its file:
   * {@code halt} skips the shutdown hook that {@code dumponexit} relies on.
   */
  private static void stopFlightRecordings() {
    if (!jdk.jfr.FlightRecorder.isInitialized()) {
      return;
    }
    for (jdk.jfr.Recording r : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
      try {
        r.stop();
      } catch (IllegalStateException e) {
        LOG.debug("JFR recording {} already stopped", r.getName());
      }
    }
  }
}
