package io.strand.benchmarks.flights;

import io.strand.benchmarks.strand.StrandJobConfig;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.Engine;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import io.strand.samples.flights.FlightDelayTask;
import io.strand.samples.flights.FlightTopics;
import io.strand.samples.flights.JobProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * The Strand flights jobs exactly as the sample ships them: {@code flight-delays.properties}
 * ({@code FlightDelayTask}: its stores, serdes, {@code task.window.ms}, {@code task.commit.ms}) and
 * {@code flight-delays-app.properties} ({@code FlightDelayApp}, resolved through {@code app.class}),
 * changed only where a benchmark run must: the job name, the broker, a bounded run over the inputs
 * (as the flights demo runs them), the run's own output topics, the shared {@link ClientSettings}
 * (Strand's defaults), and the {@code flight-csv} serde counting what it reads
 * ({@link CountingFlightCsvSerdeFactory}), and the A/B overrides of {@value StrandJobConfig#OVERRIDES_ENV}.
 *
 * <p>Threading: stateless.
 */
public final class FlightsJobConfig {

  /** The task's job file on the class path (the samples jar). */
  public static final String TASK_PROPERTIES = "flight-delays.properties";
  /** The streams API version's job file. */
  public static final String APP_PROPERTIES = "flight-delays-app.properties";
  private static final Config TASK_JOB = JobProperties.fromClasspath(TASK_PROPERTIES);
  /** The job files' commit interval, ms: every engine of the flights runs commits at it. */
  public static final long COMMIT_MS = TASK_JOB.getLong("task.commit.ms", 5000);
  /** The task's {@code task.window.ms}: how often it (and the raw loop) send the changed running totals. */
  public static final long WINDOW_MS = TASK_JOB.getLong("task.window.ms", 10_000);
  /** The job's allowed lateness, event-time ms: the hours' grace in every engine. */
  public static final long ALLOWED_LATENESS_MS = TASK_JOB.getDurationMs(FlightDelayTask.ALLOWED_LATENESS,
      FlightDelayTask.DEFAULT_ALLOWED_LATENESS_MS);

  private FlightsJobConfig() {
  }

  /**
   * @param spec a Strand or Strand streams API flights run
   * @return the job's config, resolved (the streams API's {@code app.class} turned into job keys)
   * @throws IllegalArgumentException if the spec is not a Strand flights run
   */
  public static Config forSpec(WorkerSpec spec) {
    Engine engine = spec.workload().engine();
    if (spec.workload().kind() != Kind.FLIGHTS || (engine != Engine.STRAND && engine != Engine.STRAND_APP)) {
      throw new IllegalArgumentException(spec.workload() + " is not a Strand flights workload");
    }
    boolean app = engine == Engine.STRAND_APP;
    // Both read the airports topic as an input (the task as a bootstrap stream, the app as a table).
    Map<String, String> o = new HashMap<>(JobProperties.localBoundedRun(spec.bootstrapServers(), spec.stateDir(),
        FlightTopics.FLIGHTS, FlightTopics.AIRPORTS));
    o.put("job.name", spec.jobName());
    o.put(FlightDelayTask.TOTALS_OUTPUT, "kafka." + FlightsRunTopics.totals(spec));
    o.put(FlightDelayTask.HOURLY_OUTPUT, "kafka." + FlightsRunTopics.hourly(spec));
    o.put("serializers.registry.flight-csv.class", CountingFlightCsvSerdeFactory.class.getName());
    ClientSettings.producer(false).forEach((k, v) -> o.put("systems.kafka.producer." + k, v));
    ClientSettings.consumer(false).forEach((k, v) -> o.put("systems.kafka.consumer." + k, v));
    // The suite's A/B variable reaches the flights job too, as every other Strand workload.
    o.putAll(StrandJobConfig.overrides(StrandJobConfig.OVERRIDES_ENV, System.getenv(StrandJobConfig.OVERRIDES_ENV)));
    Config config = JobProperties.fromClasspath(app ? APP_PROPERTIES : TASK_PROPERTIES).withOverrides(o);
    return app ? ApplicationLoader.resolve(config) : config;
  }
}
