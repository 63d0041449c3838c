package io.strand.nexmark.strand;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.assembly.StreamContainer;
import io.strand.container.coordinator.JobModels;
import io.strand.container.metrics.MetricsRegistries;
import io.strand.container.model.JobModel;
import io.strand.nexmark.engine.EngineSettings;
import io.strand.nexmark.engine.NexmarkEngine;
import io.strand.nexmark.query.Query;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamsConfig;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Strand as a Nexmark engine: the query's {@link StreamApplication} as a job of one container,
 * run in this JVM by Strand's real {@link StreamContainer} on its own thread (the job model
 * computed as the local runner does), with the Kafka client settings every engine shares
 * ({@link ClientSettings}).
 */
public final class StrandEngine implements NexmarkEngine {

  private static final long STARTUP_TIMEOUT_MS = 120_000;
  /** The watermark idle timeout: longer than any run, so no partition is ever idle. */
  private static final long NO_IDLENESS_MS = 24L * 3_600_000;

  /** Created by the ServiceLoader. */
  public StrandEngine() {
  }

  @Override
  public String name() {
    return "strand";
  }

  /**
   * The application class of a query.
   *
   * @param query the query
   * @return its StreamApplication
   */
  public static Class<? extends StreamApplication> application(Query query) {
    return switch (query) {
      case Q0 -> Q0PassThrough.class;
      case Q1 -> Q1CurrencyConversion.class;
      case Q2 -> Q2Selection.class;
      case Q3 -> Q3LocalItemSuggestion.class;
      case Q4 -> Q4AveragePrice.class;
      case Q5 -> Q5HotItems.class;
      case Q7 -> Q7HighestBid.class;
      case Q8 -> Q8NewUsers.class;
      case Q11 -> Q11UserSessions.class;
    };
  }

  /**
   * The job's configuration.
   *
   * @param query the query
   * @param settings the run
   * @return the resolved config (app.class expanded)
   */
  public static Config jobConfig(Query query, EngineSettings settings) {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "nexmark-" + query.id() + "-" + settings.runId());
    m.put("job.id", "1");
    m.put("job.container.count", "1");
    m.put("job.container.thread.pool.size", Integer.toString(settings.parallelism()));
    m.put(ApplicationLoader.APP_CLASS, application(query).getName());
    m.put(Sources.OUTPUT, query.outputTopic("strand"));
    m.put("systems.kafka.producer.bootstrap.servers", settings.bootstrapServers());
    ClientSettings.producer().forEach((k, v) -> m.put("systems.kafka.producer." + k, v));
    ClientSettings.consumer().forEach((k, v) -> m.put("systems.kafka.consumer." + k, v));
    m.put("systems.kafka.samza.key.serde", "bytes");
    m.put("systems.kafka.samza.msg.serde", "bytes");
    m.put("systems.kafka.samza.offset.default", "oldest");
    m.put("job.logged.store.base.dir", settings.workDir().resolve("state").toString());
    // No idleness (Query's rules): every partition has records up to its end marker. With the default
    // 30 s, a partition starved on a loaded machine stopped holding the watermark back and the records
    // it then delivered (q8's re-keyed auctions of the first window) were late.
    m.put(StreamsConfig.WATERMARK_IDLE_TIMEOUT_MS, Long.toString(NO_IDLENESS_MS));
    return ApplicationLoader.resolve(Config.of(m));
  }

  @Override
  public Running start(Query query, EngineSettings settings) throws Exception {
    Config config = jobConfig(query, settings);
    JobModel model = JobModels.compute(config);
    String containerId = model.containers().get(0).id();
    MeterRegistry registry = MetricsRegistries.create(model.jobName(), containerId);
    StreamContainer container = new StreamContainer(config, model, containerId, registry);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        container.run();
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "strand-container-" + containerId);
    runner.start();
    if (!container.awaitStarted(STARTUP_TIMEOUT_MS)) {
      container.stop();
      runner.join();
      registry.close();
      throw new IllegalStateException("the Strand container did not start within " + STARTUP_TIMEOUT_MS + " ms",
          failure.get());
    }
    return () -> {
      container.stop();
      runner.join();
      registry.close();
      if (failure.get() != null) {
        throw new IllegalStateException("the Strand container failed", failure.get());
      }
    };
  }
}
