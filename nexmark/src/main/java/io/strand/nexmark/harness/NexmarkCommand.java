package io.strand.nexmark.harness;

import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.query.Query;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/nexmark}: the Nexmark suite on Kafka, Strand against Kafka Streams and Flink.
 * Exit code 0 when every run completed and all engines agreed, 1 when a run failed or engines
 * disagree (the first differences are printed), 2 on bad options. Numbers never decide it.
 */
@Command(name = "nexmark", mixinStandardHelpOptions = true,
    description = "Runs Nexmark queries on Strand, Kafka Streams and Flink over the same Kafka topics; each run in a"
        + " fresh JVM, rounds interleaved; checks the engines' results agree; writes results.md, runs.csv and"
        + " throughput.png to benchmarks/results/<timestamp>-nexmark/.")
public final class NexmarkCommand implements Callable<Integer> {

  @Option(names = "--events", defaultValue = "2000000", description = "events to generate (default ${DEFAULT-VALUE})")
  long events;

  @Option(names = "--queries", split = ",", defaultValue = "q0,q1,q2,q3,q4,q5,q7,q8,q11",
      description = "queries (default ${DEFAULT-VALUE})")
  List<String> queries;

  @Option(names = "--engines", split = ",", defaultValue = "strand,kstreams,flink",
      description = "engines (default ${DEFAULT-VALUE}); one whose classes are absent is reported as not run")
  List<String> engines;

  @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--seed", defaultValue = "19") long seed;

  @Option(names = "--inter-event-us", defaultValue = "" + GeneratorConfig.DEFAULT_INTER_EVENT_DELAY_US,
      description = "event time between events, us (default ${DEFAULT-VALUE}: 10 000 events per event-time second)")
  long interEventUs;

  @Option(names = "--parallelism", defaultValue = "1", description = "processing threads per engine (default ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--worker-heap-mb", defaultValue = "2048") int workerHeapMb;

  @Option(names = "--broker-heap-mb", defaultValue = "1024") int brokerHeapMb;

  @Option(names = "--compare-limit", defaultValue = "2000000",
      description = "up to this many events, outputs are also checked against the in-memory model answer")
  long compareLimit;

  @Option(names = "--classpath", description = "an engine's worker class path, engine=path (default: this JVM's for"
      + " strand and kstreams; the system property nexmark.classpath.<engine> for others)")
  Map<String, String> classpaths = new LinkedHashMap<>();

  @Option(names = "--quick", description = "a smoke run: 20 000 events at 2 ms each, one round")
  boolean quick;

  @Option(names = "--jfr", description = "round 1's workers record a JFR profile into workers/<query>-<engine>.jfr")
  boolean jfr;

  @Option(names = "--latency-rate", defaultValue = "0", description = "after the rounds, a latency run per query"
      + " (q0-q3, q5, q7, q8, q11) and engine at this many events/s, event time following wall-clock time; 0 for none"
      + " (default ${DEFAULT-VALUE}; 10000 is Nexmark's default rate)")
  long latencyRate;

  @Option(names = "--latency-seconds", defaultValue = "60", description = "each latency run's length, s (default ${DEFAULT-VALUE})")
  long latencySeconds;

  @Option(names = "--format", defaultValue = "json", converter = FormatConverter.class,
      description = "input values' format, json or avro (default ${DEFAULT-VALUE}); every engine reads either")
  EventFormat format;

  @Option(names = "--out", description = "report directory (default benchmarks/results/<timestamp>-nexmark)")
  Path out;

  @Override
  public Integer call() throws Exception {
    GeneratorConfig generator = quick
        ? new GeneratorConfig(20_000, seed, GeneratorConfig.DEFAULT_BASE_TIME_MS, 2_000, 0)
        : new GeneratorConfig(events, seed, GeneratorConfig.DEFAULT_BASE_TIME_MS, interEventUs, 0);
    List<Query> qs = queries.stream().map(Query::of).toList();
    for (String e : engines) {
      if (!Query.ENGINES.contains(e)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "unknown engine '" + e + "'; known: " + Query.ENGINES);
      }
    }
    Map<String, String> cps = new LinkedHashMap<>();
    for (String e : engines) {
      String cp = classpaths.getOrDefault(e, System.getProperty("nexmark.classpath." + e,
          e.equals("flink") ? null : System.getProperty("java.class.path")));
      if (cp != null) {
        cps.put(e, cp);
      }
    }
    Path dir = out != null ? out : Path.of("benchmarks", "results",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-nexmark");
    SuiteSettings settings = new SuiteSettings(generator, qs, engines, cps, quick ? 1 : rounds, parallelism,
        workerHeapMb, brokerHeapMb, compareLimit, dir, jfr, latencyRate, latencySeconds, format);
    NexmarkSuite suite = new NexmarkSuite(settings);
    suite.run();
    List<Path> files = NexmarkReport.write(settings, suite);
    System.out.println("nexmark: report in " + files);
    if (!suite.problems().isEmpty()) {
      System.out.println("nexmark: FAILED:");
      suite.problems().forEach(p -> System.out.println("  " + p));
      return 1;
    }
    return 0;
  }

  /**
   * Runs the suite.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    int code = new CommandLine(new NexmarkCommand()).execute(args);
    System.exit(code);
  }


  /** Reads {@code --format} in any case. */
  static final class FormatConverter implements CommandLine.ITypeConverter<EventFormat> {
    @Override
    public EventFormat convert(String value) {
      try {
        return EventFormat.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("expected json or avro, got '" + value + "'");
      }
    }
  }
}
