package io.strand.samples.flights;

import io.strand.config.Config;
import io.strand.container.progress.ProgressPrinter;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.testkit.kafka.BrokerMode;
import io.strand.testkit.kafka.BrokerSettings;
import io.strand.testkit.kafka.EmbeddedKafkaBroker;
import io.strand.testkit.kafka.KafkaTestClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.io.file.PathUtils;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README demo: starts a Kafka broker, loads January 2001, runs {@link FlightDelayTask} in local
 * mode to the end of its input, prints the airports with the worst mean departure delay and how
 * long loading and processing took, and cleans up. Exit code 0 when the job succeeded.
 *
 * <p>The console gets the broker, the load, the job's progress and the result; the full log (Strand
 * at INFO, Kafka at WARN) goes to a file whose path it prints ({@value #LOG_FILE_PROPERTY}, default
 * a new file in the temp directory), and only ERROR lines also reach the console.
 *
 * <p>Threading: runs on the main thread; the job's containers are threads of this JVM.
 */
@Command(name = "flights-demo", mixinStandardHelpOptions = true,
    description = "Flight-delay analytics on January 2001, on a local Kafka broker, end to end.")
public final class FlightsDemo implements Callable<Integer> {

  /** System property: the log file (read by {@value #LOG_CONFIG}). */
  public static final String LOG_FILE_PROPERTY = "strand.demo.log.file";
  /** The demo's log4j2 configuration, on the class path. */
  static final String LOG_CONFIG = "flights-demo-log4j2.xml";

  @Option(names = "--data-dir", description = "Directory of the data files (default: <repo>/../shared/data).")
  Path dataDir;

  @Option(names = "--top", defaultValue = "10", description = "Airports to list (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--min-flights", defaultValue = "1000",
      description = "Departures an airport needs to be ranked (default ${DEFAULT-VALUE}).")
  long minFlights;

  @Option(names = "--child-broker", description = "Run the broker in its own JVM instead of in this one.")
  boolean childBroker;

  @Option(names = "--timeout-s", defaultValue = "600", description = "Give up on the job after this many seconds.")
  long timeoutS;

  @Option(names = "--config", description = "Job property overrides, key=value.")
  Map<String, String> overrides = Map.of();

  @Option(names = "--progress", defaultValue = "auto",
      description = "Job progress: auto (in place on a terminal, else a line every 10 s), terminal, lines or off.")
  String progress;

  private final PrintStream out = System.out;
  private final AtomicReference<StreamJob> job = new AtomicReference<>();

  /**
   * Runs the demo.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) throws IOException {
    // The demo logs to a file of its own (the console shows progress and results): name its log
    // configuration unless the user chose one. Set before anything logs.
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", LOG_CONFIG);
    }
    if (System.getProperty(LOG_FILE_PROPERTY) == null) {
      System.setProperty(LOG_FILE_PROPERTY, Files.createTempFile("strand-flights-demo-", ".log").toString());
    }
    System.exit(new CommandLine(new FlightsDemo()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    ProgressPrinter.Mode progressMode;
    try {
      progressMode = ProgressPrinter.Mode.parse(progress);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    Path data = dataDir != null ? dataDir : DataFiles.defaultDir();
    DataFiles.require(data, DataFiles.FLIGHTS_FILE);
    Path stateDir = Files.createTempDirectory("strand-flights-demo-");
    BrokerSettings settings = BrokerSettings.defaults().withMode(childBroker ? BrokerMode.CHILD_JVM : BrokerMode.IN_PROCESS);
    AtomicReference<EmbeddedKafkaBroker> started = new AtomicReference<>();
    // On Ctrl-C the finally below never runs: stop what was started and remove the temp dirs here too.
    Thread onInterrupt = new Thread(() -> {
      StreamJob running = job.get();
      if (running != null && !running.status().isFinished()) {
        running.kill();
      }
      EmbeddedKafkaBroker b = started.get();
      if (b != null) {
        b.close();
      }
      deleteRecursively(stateDir);
    }, "flights-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    out.printf("Log: %s%n", System.getProperty(LOG_FILE_PROPERTY));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings)) {
      started.set(broker);
      out.printf("Kafka broker running at %s%n", broker.bootstrapServers());
      return run(broker.bootstrapServers(), data, stateDir, progressMode);
    } finally {
      deleteRecursively(stateDir);
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running or about to; it is idempotent
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try {
      PathUtils.delete(dir); // nothing if absent
    } catch (IOException e) {
      System.err.printf("could not delete %s: %s%n", dir, e);
    }
  }

  private int run(String bootstrap, Path data, Path stateDir, ProgressPrinter.Mode progressMode) throws IOException {
    try (Admin admin = new KafkaTestClient(bootstrap).admin()) {
      FlightTopics.createOutputs(admin, FlightTopics.FLIGHT_PARTITIONS);
    }
    out.printf("Loading %s and %s ...%n", DataFiles.FLIGHTS_FILE, DataFiles.AIRPORTS_FILE);
    LoadResult load = FlightsLoader.load(bootstrap, FlightsLoader.Options.of(data));
    out.printf("Loaded %,d flights and %,d airports in %.1f s (%,.0f records/s)%n", load.flights(), load.airports(),
        load.elapsedMs() / 1000.0, load.flightRecordsPerSecond());

    Config config = JobProperties.fromClasspath("flight-delays.properties")
        .withOverrides(JobProperties.localBoundedRun(bootstrap, stateDir, FlightTopics.FLIGHTS, FlightTopics.AIRPORTS),
            "flights demo")
        // One airports table for the container, not one per task (at-least-once only, see StorageSettings).
        .withOverrides(Map.of("stores.airports.scope", "container"), "flights demo")
        .withOverrides(overrides, "--config");
    out.printf("Running job '%s' (%s) to the end of its input ...%n", config.get("job.name", "?"),
        config.get("task.class", "?"));
    long began = System.nanoTime();
    StreamJob streamJob = new ThreadJobFactory().getJob(config);
    job.set(streamJob);
    streamJob.submit();
    JobStatus status;
    OptionalLong processingSince;
    // Every input of the demo's run is bounded: progress has an ETA.
    try (JobPhaseClock phases = JobPhaseClock.start(streamJob::progress);
        ProgressPrinter ignored = ProgressPrinter.start(streamJob::progress, out, progressMode, true)) {
      status = streamJob.waitForFinish(timeoutS * 1000);
      processingSince = phases.processingSinceNanos();
    }
    long ended = System.nanoTime();
    if (status.state() != JobStatus.State.SUCCEEDED) {
      if (!status.isFinished()) {
        streamJob.kill();
        streamJob.waitForFinish(30_000);
      }
      System.err.printf("The job did not succeed (log: %s): %s%n", System.getProperty(LOG_FILE_PROPERTY), status);
      return 1;
    }

    KafkaTestClient client = new KafkaTestClient(bootstrap);
    List<AirportDelayTotal> finals = FlightResults.read(bootstrap);
    long processed = finals.stream().mapToLong(AirportDelayTotal::flights).sum();
    long deadLetters = client.readAllBytes(FlightTopics.FLIGHTS_DLQ).size();
    FlightResults.printTable(out, finals, minFlights, top);
    out.printf("%nLoad: %,d records in %.1f s (%,.0f records/s)%n", load.flightRecords() + load.airports(),
        load.elapsedMs() / 1000.0, (load.flightRecords() + load.airports()) * 1000.0 / Math.max(1, load.elapsedMs()));
    // The job's rate is its processing rate: from the first record in (the clock sees the first
    // processed record within JobPhaseClock.POLL_MS) to the last record out (the job's end: outputs
    // flushed, offsets committed). Start-up (job model, topics, stores opened, consumers) is shown
    // beside it, with the wall time it adds, but not divided into the rate: it does not grow with the
    // input. Without a first-record time (the job ended before the clock saw one) the wall time is used.
    long records = processed + deadLetters;
    double wallS = (ended - began) / 1e9;
    double processingS = processingSince.isPresent() ? (ended - processingSince.getAsLong()) / 1e9 : wallS;
    out.printf("Job:  %,d flights processed (%,d origin airports, %,d lines dead-lettered) in %.1f s (%,.0f records/s)%n",
        processed, finals.size(), deadLetters, processingS, records / Math.max(0.001, processingS));
    out.printf("      processing: first record in (airports bootstrap first) to last record out (final commit);"
        + " wall time %.1f s with start-up %.1f s (job model, topics, stores, consumers)%n", wallS,
        wallS - processingS);
    return 0;
  }
}
