package io.strand.benchmarks.worker;

import io.strand.benchmarks.progress.WorkerProtocol;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of a worker JVM: runs one workload once, then writes what it measured to a result
 * properties file ({@code records}, {@code elapsed.nanos}, {@code vmhwm.kb}: the peak resident set
 * of this JVM read from {@code /proc/self/status} at the end). Exit 0 when the work was done, 1 when
 * it failed (the reason is logged on stderr).
 *
 * <p>Usage: {@code WorkerMain <spec.properties> <result.properties>}.
 *
 * <p>Threading: main thread; the engines bring their own threads.
 */
public final class WorkerMain {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
  private static final Pattern VM_HWM = Pattern.compile("VmHWM:\\s+(\\d+)\\s+kB");

  private WorkerMain() {
  }

  /**
   * @param args spec file and result file
   */
  public static void main(String[] args) {
    int exit;
    try {
      WorkerSpec spec = WorkerSpec.read(Path.of(args[0]));
      StopSignal stop = spec.latencyMode() ? StopSignal.onStdinClosed() : null;
      Outcome outcome = spec.workload().kind() == Kind.FLIGHTS ? FlightsWorkloads.run(spec)
          : switch (spec.workload().engine()) {
            case RAW -> spec.workload().exactlyOnce() ? TransactionalWorkloads.run(spec) : RawWorkloads.run(spec, stop);
            case STRAND, STRAND_APP -> StrandWorkloads.run(spec, stop);
            case KAFKA_STREAMS -> StreamsWorkloads.run(spec, stop);
          };
      WorkerProtocol.emit(WorkerProtocol.END);
      writeResult(Path.of(args[1]), outcome);
      LOG.info("{}: {} records in {} s", spec.workload().label(), outcome.records(),
          String.format("%.2f", outcome.seconds()));
      exit = 0;
    } catch (Exception e) {
      LOG.error("worker failed: {}", e.toString(), e);
      exit = 1;
    }
    System.exit(exit);
  }

  private static void writeResult(Path file, Outcome outcome) throws IOException {
    Properties p = new Properties();
    p.setProperty("records", Long.toString(outcome.records()));
    p.setProperty("elapsed.nanos", Long.toString(outcome.endNanos() - outcome.startNanos()));
    p.setProperty("vmhwm.kb", Long.toString(peakRssKb()));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "Strand benchmark worker result");
    }
  }

  /** @return VmHWM of this process in KiB, or -1 where /proc is missing */
  static long peakRssKb() {
    try {
      Matcher m = VM_HWM.matcher(Files.readString(Path.of("/proc/self/status")));
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
