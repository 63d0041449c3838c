package io.strand.nexmark.harness;

import io.strand.nexmark.engine.EngineWorker;
import io.strand.nexmark.engine.WorkerResult;
import io.strand.nexmark.model.NexmarkJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one {@link EngineWorker} JVM per run, on the class path of the engine's module, and reads
 * its {@link WorkerResult} line from its log. Every worker gets the same JVM options (heap,
 * ParallelGC, a GC log {@code workers/<name>.gc.log}), whatever its engine.
 */
final class WorkerLauncher {

  private final Path logs;
  private final int heapMb;

  WorkerLauncher(Path logs, int heapMb) {
    this.logs = logs;
    this.heapMb = heapMb;
  }

  /**
   * Runs a worker to its end.
   *
   * @param classpath the engine module's class path
   * @param name the run's name (its log file)
   * @param engine the engine's name
   * @param query the query's id
   * @param jvmArgs extra JVM options (e.g. a flight recording)
   * @param args the worker's options
   * @param timeoutS the longest run, s
   * @return its result (status failed when it printed none)
   */
  WorkerResult run(String classpath, String name, String engine, String query, List<String> jvmArgs, List<String> args,
      long timeoutS) throws IOException, InterruptedException {
    return start(classpath, name, engine, query, jvmArgs, args).await(timeoutS);
  }

  /**
   * Starts a worker.
   *
   * @param classpath the engine module's class path
   * @param name the run's name (its log file)
   * @param engine the engine's name
   * @param query the query's id
   * @param jvmArgs extra JVM options
   * @param args the worker's options
   * @return the running worker
   */
  Worker start(String classpath, String name, String engine, String query, List<String> jvmArgs, List<String> args)
      throws IOException {
    Path log = logs.resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heapMb + "m");
    cmd.add("-Xms" + heapMb + "m");
    cmd.add("-XX:+UseParallelGC");
    // Every engine's worker logs its collections (pauses with user/sys/real CPU, heap before and
    // after, survivor and old sizes) next to its log, so GC can be compared between engines from
    // any run; a few lines per collection, written off the collecting threads' hot path.
    cmd.add("-Xlog:gc*=info:file=" + logs.resolve(name + ".gc.log") + ":uptime");
    cmd.add("-Dlog4j2.configurationFile=strand-bench-log4j2.xml");
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(EngineWorker.class.getName());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Worker(p, log, engine, query);
  }

  /** A started worker JVM. */
  static final class Worker {
    private final Process process;
    private final Path log;
    private final String engine;
    private final String query;

    Worker(Process process, Path log, String engine, String query) {
      this.process = process;
      this.log = log;
      this.engine = engine;
      this.query = query;
    }

    /**
     * Waits until the worker printed a line, or exited.
     *
     * @param line the line's start
     * @param timeoutS the longest wait, s
     * @return true when printed
     */
    boolean awaitLine(String line, long timeoutS) throws IOException, InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
      while (System.nanoTime() < deadline) {
        if (Files.readAllLines(log, StandardCharsets.UTF_8).stream().anyMatch(l -> l.startsWith(line))) {
          return true;
        }
        if (!process.isAlive()) {
          return false;
        }
        Thread.sleep(50);
      }
      return false;
    }

    /**
     * Waits for the worker's end and reads its result.
     *
     * @param timeoutS the longest run, s
     * @return its result (status failed when it printed none)
     */
    WorkerResult await(long timeoutS) throws IOException, InterruptedException {
      if (!process.waitFor(timeoutS + 60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return WorkerResult.notRun(engine, query, "failed", "worker did not exit within " + (timeoutS + 60)
            + " s; log " + log);
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith(WorkerResult.PREFIX)) {
          return NexmarkJson.read(line.substring(WorkerResult.PREFIX.length()).getBytes(StandardCharsets.UTF_8),
              WorkerResult.class);
        }
      }
      return WorkerResult.notRun(engine, query, "failed", "worker exited " + process.exitValue()
          + " with no result; log " + log);
    }
  }
}
