package io.strand.benchmarks.measure;

import io.strand.benchmarks.worker.WorkerMain;
import io.strand.benchmarks.workload.WorkerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts each workload run in a fresh JVM on this JVM's class path ({@link WorkerMain}), with the
 * same JVM options for every engine, its output in {@code <logDir>/<name>.log}.
 *
 * <p>Threading: immutable; {@link #start} may be called from any thread.
 *
 * @param logDir where worker logs, specs and results go
 * @param jvmOptions options of every worker JVM (heap, GC)
 * @param broker the broker JVM, whose CPU is sampled with the worker's
 */
public record WorkerLauncher(Path logDir, List<String> jvmOptions, ProcessHandle broker) {

  /** Copies the options. */
  public WorkerLauncher {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * @param spec what to run
   * @param name a file-name-safe run name, e.g. {@code r1-STRAND_COUNT}
   * @param extraOptions more JVM options for this run only (e.g. a JFR recording)
   * @return the running worker
   * @throws UncheckedIOException if the JVM cannot be launched
   */
  public RunningWorker start(WorkerSpec spec, String name, List<String> extraOptions) {
    try {
      Path specFile = logDir.resolve(name + ".spec.properties");
      Path resultFile = logDir.resolve(name + ".result.properties");
      Path logFile = logDir.resolve(name + ".log");
      Files.deleteIfExists(resultFile);
      spec.write(specFile);
      List<String> args = new ArrayList<>(jvmOptions);
      args.addAll(extraOptions);
      args.add("-cp");
      args.add(System.getProperty("java.class.path"));
      args.add(WorkerMain.class.getName());
      args.add(specFile.toAbsolutePath().toString());
      args.add(resultFile.toAbsolutePath().toString());
      // An argument file keeps the long class path clear of command-line length limits.
      Path argFile = logDir.resolve(name + ".jvm.args");
      Files.write(argFile, args.stream().map(WorkerLauncher::quote).toList(), StandardCharsets.UTF_8);
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process = new ProcessBuilder(java.toString(), "@" + argFile.toAbsolutePath())
          .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
      return new RunningWorker(name, process, broker, resultFile, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot launch worker " + name, e);
    }
  }

  private static String quote(String arg) {
    return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
