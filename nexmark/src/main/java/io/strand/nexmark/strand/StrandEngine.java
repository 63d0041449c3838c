package io.strand.nexmark.strand;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.benchmarks.strand.StrandJobConfig;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.assembly.StreamContainer;
import io.strand.container.coordinator.JobModels;
import io.strand.container.metrics.MetricsRegistries;
import io.strand.container.model.JobModel;
import io.strand.nexmark.engine.EngineSettings;
import io.strand.nexmark.engine.NexmarkEngine;
import io.strand.nexmark.model.NexmarkTopics;
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

  /** Kafka Streams' default {@code statestore.cache.max.bytes}, per instance. */
  private static final long STREAMS_CACHE_BYTES = 10L * 1024 * 1024;
  /** Cache budget per store and task, bytes: Kafka Streams' default cache over the tasks (one per input partition). */
  static final long STORE_CACHE_BYTES = STREAMS_CACHE_BYTES / NexmarkTopics.PARTITIONS;
  /**
   * Dirty entries per write-down: more than any cache here holds, so the cache's dirty entries go
   * down at commit or when one is evicted, as Kafka Streams' record cache writes them.
   */
  static final int STORE_WRITE_BATCH = 1_000_000;

  /**
   * An environment variable with job config overrides for A/B runs, {@code key=value} pairs
   * separated by commas (e.g. {@code streams.windows.hopping.panes=false}); the harness's workers
   * inherit it. Unset in normal runs.
   */
  public static final String CONFIG_ENV = "NEXMARK_STRAND_CONFIG";

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
    m.put("job.container.thread.pool.size", Integer.toString(threadPoolSize(settings.parallelism())));
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
    m.putAll(StrandJobConfig.overrides(CONFIG_ENV, System.getenv(CONFIG_ENV)));
    return withStoreCaches(ApplicationLoader.resolve(Config.of(m)));
  }

  /**
   * Every store of the job (known once app.class is expanded) gets the budget of Kafka Streams'
   * default record cache ({@code statestore.cache.max.bytes}, 10 MiB per instance, on by default
   * for DSL stores), split over the tasks: {@code stores.<s>.object.cache.bytes} of
   * {@value #STORE_CACHE_BYTES} bytes per task, which sizes entries by their serialized key and
   * value as Kafka Streams does, and {@code stores.<s>.write.batch.size} {@value #STORE_WRITE_BATCH}
   * (Samza's defaults, 1 000 entries and 500, wrote a window update down to RocksDB and the
   * changelog every few records; a fixed 2,560 entries, 10 MiB at an assumed 512 bytes an entry,
   * was fewer than q5's open hopping windows per task, so the cache thrashed).
   */
  private static Config withStoreCaches(Config config) {
    Map<String, String> caches = new TreeMap<>();
    for (String key : config.keySet()) {
      if (key.startsWith("stores.") && key.endsWith(".factory")) {
        String prefix = key.substring(0, key.length() - "factory".length());
        if (!config.containsKey(prefix + "object.cache.size") && !config.containsKey(prefix + "object.cache.bytes")) {
          caches.put(prefix + "object.cache.bytes", Long.toString(STORE_CACHE_BYTES));
          caches.put(prefix + "write.batch.size", Integer.toString(STORE_WRITE_BATCH));
        }
      }
    }
    return caches.isEmpty() ? config : config.withOverrides(caches);
  }

  /**
   * The container's task thread pool for a parallelism: none for one processing thread (tasks run
   * inline on the run loop thread, as Kafka Streams' one stream thread polls and processes), else
   * one thread per unit. A pool of one would hand every message to another thread and back.
   *
   * @param parallelism processing threads asked for, at least 1
   * @return {@code job.container.thread.pool.size}
   */
  static int threadPoolSize(int parallelism) {
    return parallelism <= 1 ? 0 : parallelism;
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
