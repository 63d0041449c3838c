package io.strand.benchmarks.strand;

import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Strand job configuration of each workload, with Samza's key names. Settings that matter for
 * the comparison (the report lists them): one container, one run-loop thread, GroupByPartition (8
 * tasks), {@code task.commit.ms} = {@link ClientSettings#COMMIT_MS} (an exactly-once workload: its own
 * interval, with {@code task.delivery.guarantee=exactly-once}), Strand's default client
 * settings (= {@link ClientSettings}), long keys and byte-array values, RocksDB stores from
 * {@code io.strand.kv.RocksDbStoreFactory} with a changelog each and the record cache of
 * {@link io.strand.benchmarks.workload.StoreCache} ({@code object.cache.size} = {@code write.batch.size},
 * or {@code object.cache.size=0} when off), at-least-once unless the workload is exactly-once. Latency runs apply
 * {@link ClientSettings#latencyOverrides()}.
 *
 * <p>Threading: stateless.
 */
public final class StrandJobConfig {

  /** Config key naming the output, {@code system.stream}. */
  public static final String OUTPUT = "bench.output";
  /** The input topic, for the streams API workload (a task's come from {@code task.inputs}). */
  public static final String INPUT = "bench.input";
  /** Store of the count workload. */
  public static final String COUNT_STORE = "counts";
  /** Store of the windowed workload. */
  public static final String WINDOW_STORE = "windows";

  private StrandJobConfig() {
  }

  /**
   * Environment variable of the benchmark's JVM (its workers inherit it): {@code key=value} pairs,
   * comma-separated, laid over every Strand workload's config; for an A/B run of one Strand
   * setting in one lock hold (for example {@code strand.producer.send.thread=false}).
   */
  public static final String OVERRIDES_ENV = "STRAND_BENCH_CONFIG";

  /**
   * @param spec the workload run
   * @return the job's config, with {@value #OVERRIDES_ENV}'s settings over it
   */
  public static Config forSpec(WorkerSpec spec) {
    return base(spec).withOverrides(overrides(OVERRIDES_ENV, System.getenv(OVERRIDES_ENV)));
  }

  /**
   * Parses an environment variable's job config overrides (here {@value #OVERRIDES_ENV}; Nexmark's
   * Strand engine has its own variable).
   *
   * @param variable the variable's name, for the error
   * @param spec its value: comma-separated {@code key=value} pairs, or null
   * @return the pairs
   * @throws IllegalArgumentException if a pair has no {@code =}
   */
  public static Map<String, String> overrides(String variable, String spec) {
    Map<String, String> m = new TreeMap<>();
    if (spec == null || spec.isBlank()) {
      return m;
    }
    for (String pair : spec.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(variable + ": expected key=value, got '" + pair + "'");
      }
      m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return m;
  }

  private static Config base(WorkerSpec spec) {
    Map<String, String> m = new TreeMap<>();
    Kind kind = spec.workload().kind();
    m.put("job.name", spec.jobName());
    m.put("job.id", "1");
    m.put("job.container.count", "1");
    if (spec.workload().join()) {
      m.put(ApplicationLoader.APP_CLASS, (kind == Kind.ENRICH ? StreamsApiEnrich.class : StreamsApiJoin.class).getName());
      m.put(INPUT, spec.input());
    } else if (spec.workload().streamsApi()) {
      m.put(ApplicationLoader.APP_CLASS, StreamsApiWindowedCount.class.getName());
      m.put(INPUT, spec.input());
    } else {
      m.put("task.class", taskClass(kind).getName());
      m.put("task.inputs", "kafka." + spec.input());
    }
    m.put("task.commit.ms", Long.toString(spec.workload().commitMs()));
    if (spec.workload().exactlyOnce()) {
      m.put("task.delivery.guarantee", "exactly-once");
    }
    m.put("systems.kafka.producer.bootstrap.servers", spec.bootstrapServers());
    ClientSettings.producer(spec.latencyMode()).forEach((k, v) -> m.put("systems.kafka.producer." + k, v));
    ClientSettings.consumer(spec.latencyMode()).forEach((k, v) -> m.put("systems.kafka.consumer." + k, v));
    m.put("systems.kafka.samza.key.serde", kind == Kind.PASSTHROUGH ? "bytes" : "long");
    m.put("systems.kafka.samza.msg.serde", "bytes");
    m.put("systems.kafka.samza.offset.default", "oldest");
    if (!spec.latencyMode()) {
      m.put("systems.kafka.streams." + spec.input() + ".strand.bounded", "true");
      if (kind == Kind.ENRICH) {
        m.put("systems.kafka.streams." + JoinPayloads.TABLE + ".strand.bounded", "true");
      } else if (kind == Kind.JOIN) {
        m.put("systems.kafka.streams." + JoinPayloads.RIGHT + ".strand.bounded", "true");
      }
    }
    m.put(OUTPUT, "kafka." + spec.output());
    m.put("job.logged.store.base.dir", spec.stateDir().toString());
    // A table read from its own topic has no changelog: its store is a non-logged one.
    m.put("job.non-logged.store.base.dir", spec.stateDir().resolve("non-logged").toString());
    if (kind == Kind.ENRICH) {
      // The table is read first (a bootstrap input: to its end offset before the stream), from its
      // checkpoint when there is one, not reset at every start.
      m.put("systems.kafka.streams." + JoinPayloads.TABLE + ".samza.bootstrap", "true");
      m.put("systems.kafka.streams." + JoinPayloads.TABLE + ".samza.reset.offset", "false");
      Config resolved = ApplicationLoader.resolve(Config.of(m));
      // The table's store gets the count stores' record cache (Kafka Streams' table store caches too).
      Map<String, String> caches = new TreeMap<>();
      resolved.asMap().keySet().stream().filter(k -> k.startsWith("stores.") && k.endsWith(".factory"))
          .forEach(k -> cache(caches, k.substring("stores.".length(), k.length() - ".factory".length()),
              spec.storeCache().entriesPerTask()));
      return resolved.withOverrides(caches);
    }
    if (kind == Kind.JOIN) {
      return ApplicationLoader.resolve(Config.of(m));
    }
    if (kind == Kind.COUNT || kind == Kind.RESTORE) {
      String changelog = spec.changelog().isEmpty() ? countChangelog(spec.jobName()) : spec.changelog();
      store(m, COUNT_STORE, changelog, spec.storeCache().entriesPerTask());
    } else if (kind == Kind.WINDOWED && spec.workload().streamsApi()) {
      // The graph declares the store (bytes, changelog <job>-1-windows-changelog); the cache as the task's.
      cache(m, WINDOW_STORE, spec.storeCache().entriesPerTask());
      return ApplicationLoader.resolve(Config.of(m));
    } else if (kind == Kind.WINDOWED) {
      store(m, WINDOW_STORE, spec.jobName() + "-" + WINDOW_STORE + "-changelog", spec.storeCache().entriesPerTask());
    }
    return Config.of(m);
  }

  /**
   * @param jobName the count job's name
   * @return the count store's changelog topic
   */
  public static String countChangelog(String jobName) {
    return jobName + "-" + COUNT_STORE + "-changelog";
  }

  private static void store(Map<String, String> m, String store, String changelogTopic, int cacheEntries) {
    m.put("stores." + store + ".factory", "io.strand.kv.RocksDbStoreFactory");
    m.put("stores." + store + ".key.serde", "long");
    m.put("stores." + store + ".msg.serde", "long");
    m.put("stores." + store + ".changelog", "kafka." + changelogTopic);
    cache(m, store, cacheEntries);
  }

  private static void cache(Map<String, String> m, String store, int cacheEntries) {
    // Dirty entries stay cached until commit (or eviction): a batch as large as the cache never
    // fills before the commit when the cache holds the task's whole key space.
    m.put("stores." + store + ".object.cache.size", Integer.toString(cacheEntries));
    if (cacheEntries > 0) {
      m.put("stores." + store + ".write.batch.size", Integer.toString(cacheEntries));
    }
  }

  private static Class<?> taskClass(Kind kind) {
    return switch (kind) {
      case PASSTHROUGH -> PassthroughTask.class;
      case COUNT, RESTORE -> CountTask.class;
      case WINDOWED -> WindowedCountTask.class;
      case READ -> throw new IllegalArgumentException("Strand has no plain-read workload");
      case FLIGHTS -> throw new IllegalArgumentException("the flights job's config is FlightsJobConfig's");
      case ENRICH, JOIN -> throw new IllegalArgumentException("the join workloads are streams API applications");
    };
  }
}
