package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.DataSpec;
import io.strand.benchmarks.measure.LatencyProbe;
import io.strand.benchmarks.measure.LatencyResult;
import io.strand.benchmarks.measure.MachineSampler;
import io.strand.testkit.kafka.BrokerMode;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The input hop alone, with no job: the latency probe's paced load producer and its consumer on one
 * topic (8 partitions, the broker's append time), on the suite's broker in its own JVM, for several
 * measured windows in a row. Each window has a fresh topic, as each latency point of the suite has.
 * It is the narrowest reproduction of the suite's latency floor: every engine's latency includes this
 * hop twice (input and output).
 *
 * <p>Written next to each other in {@code --out}: {@code parts.csv} (each window's 2 s parts: start,
 * p99), {@code machine.csv} ({@link MachineSampler}: busy, steal, CPU pressure, the broker's and the
 * harness's CPU and run-queue wait, the harness's hiccups unless {@code -Dbenchmark.hiccups=false}, every 100 ms) and {@code broker-gc.log}
 * (the broker's GC and safepoints with wall-clock times). The harness JVM's own GC log is its
 * caller's to ask for ({@code BENCHMARK_OPTS}). {@code benchmarks/hop-parts.py} puts them side by
 * side per part.
 *
 * <p>Threading: the caller's thread runs the load; the probe and the sampler run threads of their own.
 */
@Command(name = "input-hop", mixinStandardHelpOptions = true, sortOptions = false,
    description = "The latency probe's input hop alone (load producer -> broker -> consumer, no job), with the"
        + " machine's and the broker's stalls sampled alongside.")
public final class InputHop implements Callable<Integer> {

  /**
   * The hiccup meter: on in this diagnosis tool (its session 19 figures had it), unless
   * {@code -Dbenchmark.hiccups=false}; the suite's latency runs have it off unless asked for.
   */
  private static final boolean HICCUPS = Boolean.parseBoolean(
      System.getProperty(MachineSampler.HICCUPS_PROPERTY, "true"));

  @Option(names = "--rate", defaultValue = "20000", description = "Offered records/s.")
  double rate;

  @Option(names = "--windows", defaultValue = "4", description = "Measured windows, one fresh topic each.")
  int windows;

  @Option(names = "--seconds", defaultValue = "8", description = "Measured seconds per window.")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "3", description = "Load before each window, not measured.")
  int warmupSeconds;

  @Option(names = "--pace-us", defaultValue = "200", description = "The load thread's wake-up period, µs.")
  long paceMicros;

  @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the topic.")
  int partitions;

  @Option(names = "--broker-heap-mb", defaultValue = "1024", description = "Broker JVM heap in MiB.")
  int brokerHeapMb;

  @Option(names = "--broker-jvm", split = " ", description = "More broker JVM options (space-separated).")
  List<String> brokerJvm = new ArrayList<>();

  @Option(names = "--out", required = true, description = "Results directory.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    List<String> jvm = new ArrayList<>(Suite.brokerJvmOptions(out, brokerHeapMb, List.of()));
    jvm.addAll(brokerJvm);
    BrokerSettings brokerSettings = BrokerSettings.defaults().withMode(BrokerMode.CHILD_JVM)
        .withChildHeapMb(brokerHeapMb).withStartupTimeout(Duration.ofSeconds(120))
        .withProperty("log.segment.delete.delay.ms", "0").withChildJvmOptions(jvm);
    DataSpec data = new DataSpec(1, 10_000, 0, 100, partitions, 1_000, 42);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerSettings);
         Topics topics = new Topics(broker.bootstrapServers());
         MachineSampler sampler = new MachineSampler(out.resolve("machine.csv"),
             List.of(broker.process().orElseThrow(), ProcessHandle.current()), List.of("broker", "harness"),
             MachineSampler.PERIOD_MS, HICCUPS);
         BufferedWriter parts = Files.newBufferedWriter(out.resolve("parts.csv"), StandardCharsets.UTF_8)) {
      parts.write("window,part,start_epoch_ms,p99_ms,window_p50_ms,window_p99_ms,harness_gc_ms\n");
      LatencyProbe probe = new LatencyProbe(broker.bootstrapServers(), data);
      probe.pace(Duration.ofNanos(paceMicros * 1000));
      for (int w = 1; w <= windows; w++) {
        String topic = "hop-" + w;
        topics.create(topic, partitions, LatencyProbe.APPEND_TIME);
        Duration warmup = Duration.ofSeconds(warmupSeconds);
        LatencyResult r = probe.measure(topic, topic, rate, warmup, warmup, Duration.ofSeconds(seconds), false);
        long fromMs = probe.lastWindowFromMicros() / 1000;
        for (int i = 0; i < r.partP99Ms().size(); i++) {
          parts.write(String.format(Locale.ROOT, "%d,%d,%d,%.2f,%.2f,%.2f,%.0f%n", w, i,
              fromMs + (long) i * LatencyResult.PART_MS, r.partP99Ms().get(i), r.p50Ms(), r.p99Ms(), r.harnessGcMs()));
        }
        parts.flush();
        System.out.printf(Locale.ROOT, "window %d (%s): %,.0f rec/s, p50 %.1f ms, p99 %.1f ms, parts' p99 %s,"
            + " harness GC %.0f ms%s%n", w, Instant.ofEpochMilli(fromMs), r.achievedRate(), r.p50Ms(), r.p99Ms(),
            r.partP99Ms().stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList(), r.harnessGcMs(),
            r.saturated() ? " SATURATED: " + r.saturation() : "");
        topics.deleteMatching(List.of(topic));
      }
    }
    return 0;
  }

  /** @param args see {@code --help} */
  public static void main(String[] args) {
    System.exit(new CommandLine(new InputHop()).execute(args));
  }
}
