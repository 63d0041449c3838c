package io.strand.config.validate;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the class names a Samza properties file holds, so a port never runs with a class
 * silently ignored:
 * <ul>
 *   <li>any value still naming {@code org.apache.samza.*} is a problem, saying the
 *       {@code io.strand.*} name to use when Strand has that class, or what to use instead;</li>
 *   <li>a key that takes a class (runner, job coordinator, config loader, system, store and
 *       metrics-reporter factories, checkpoint and grouper factories) naming an
 *       {@code io.strand.*} class that does not exist is a problem naming the key and what to use
 *       instead (for example a non-Kafka system factory such as
 *       {@code io.strand.system.hdfs.HdfsSystemFactory});</li>
 *   <li>ZooKeeper connection settings ({@code systems.<s>.consumer.zookeeper.connect} and the
 *       producer's) are accepted and ignored, with one INFO line each: Kafka clients need none.</li>
 * </ul>
 *
 * <p>Threading: stateless; classes load without initialization through the validator's loader.
 */
final class SamzaNamesCheck {

  static final String SAMZA_PREFIX = "org.apache.samza.";
  static final String STRAND_PREFIX = "io.strand.";
  static final String SED = "sed 's/org\\.apache\\.samza\\./io.strand./g'";

  /**
   * Names accepted without their class on this class path: Strand always checkpoints to Kafka
   * ({@code task.checkpoint.factory}), and the YARN runner lives in the yarn-am module, which a
   * job validated by the local runners need not have.
   */
  static final Set<String> RECOGNIZED = Set.of("io.strand.checkpoint.kafka.KafkaCheckpointManagerFactory",
      "io.strand.yarn.YarnJobFactory", "io.strand.job.yarn.YarnJobFactory");

  private static final Logger LOG = LoggerFactory.getLogger(SamzaNamesCheck.class);
  private static final Pattern ZOOKEEPER = Pattern.compile("systems\\.[^.]+\\.(consumer|producer)\\.zookeeper\\.connect");

  /**
   * A key that takes a class, what to name there, and a class of the module that reads the key:
   * when that is not on the class path (a tool validating without the runtime), a missing class
   * proves nothing and is not reported.
   */
  private record ClassKey(Pattern key, String instead, String reader) {
    boolean matches(String k) {
      return key.matcher(k).matches();
    }
  }

  private static final List<ClassKey> CLASS_KEYS = List.of(
      new ClassKey(Pattern.compile("job\\.factory\\.class"), "use io.strand.job.local.ThreadJobFactory (every container a"
          + " thread of one JVM), io.strand.job.local.ProcessJobFactory (one JVM per container) or"
          + " io.strand.job.yarn.YarnJobFactory", "io.strand.container.runner.StreamJobFactory"),
      new ClassKey(Pattern.compile("job\\.coordinator\\.factory"), "Strand's job coordinator is built in"
          + " (the coordinator topic; the application master on YARN), so remove job.coordinator.factory",
          "io.strand.config.validate.ConfigValidator"),
      new ClassKey(Pattern.compile("job\\.config\\.loader\\.factory"),
          "use io.strand.config.loaders.PropertiesConfigLoaderFactory (or remove the key: run-job reads --config-path)",
          "io.strand.config.validate.ConfigValidator"),
      new ClassKey(Pattern.compile("systems\\.[^.]+\\.samza\\.factory"), "use io.strand.system.kafka.KafkaSystemFactory:"
          + " Strand reads and writes Kafka only; move other sources into Kafka (for example with Kafka Connect)",
          "io.strand.container.kafka.KafkaSystem"),
      new ClassKey(Pattern.compile("stores\\.[^.]+\\.factory"), "use io.strand.storage.kv.RocksDbKeyValueStorageEngineFactory"
          + " or io.strand.storage.kv.inmemory.InMemoryKeyValueStorageEngineFactory", "io.strand.kv.StoreFactory"),
      new ClassKey(Pattern.compile("metrics\\.reporter\\.[^.]+\\.class"), "use io.strand.metrics.reporter.JmxReporterFactory,"
          + " io.strand.metrics.reporter.MetricsSnapshotReporterFactory or io.strand.metrics.reporter.PrometheusReporterFactory",
          "io.strand.container.metrics.MetricsRegistries"),
      new ClassKey(Pattern.compile("task\\.checkpoint\\.factory"), "use io.strand.checkpoint.kafka.KafkaCheckpointManagerFactory"
          + " (or remove the key): Strand checkpoints to a Kafka topic on task.checkpoint.system",
          "io.strand.config.validate.ConfigValidator"),
      new ClassKey(Pattern.compile("job\\.systemstreampartition\\.grouper\\.factory"),
          "use io.strand.container.grouper.GroupByPartitionFactory or"
              + " io.strand.container.grouper.GroupBySystemStreamPartitionFactory",
          "io.strand.container.grouper.SystemStreamPartitionGrouperFactory"),
      new ClassKey(Pattern.compile("serializers\\.registry\\.[^.]+\\.class"), "use a serde factory such as"
          + " io.strand.serializers.StringSerdeFactory, IntegerSerdeFactory, LongSerdeFactory, DoubleSerdeFactory,"
          + " ByteSerdeFactory, JsonSerdeFactory or AvroSerdeFactory, or your own SerdeFactory", "io.strand.serializers.SerdeFactory"),
      new ClassKey(Pattern.compile("task\\.class"), "name your StreamTask or AsyncStreamTask class", "io.strand.task.StreamTask"),
      new ClassKey(Pattern.compile("app\\.class"), "name your TaskApplication class", "io.strand.application.SamzaApplication"));

  /** Keys whose classes {@link ConfigValidator} checks itself; here only their Samza names are. */
  private static final Set<String> CHECKED_ELSEWHERE = Set.of("task.class", "app.class");

  private SamzaNamesCheck() {
  }

  static void check(Config config, ClassLoader loader, Consumer<ConfigProblem> problems) {
    for (String key : config.keySet()) {
      String value = config.get(key).map(String::trim).orElse("");
      if (ZOOKEEPER.matcher(key).matches()) {
        LOG.info("Configuration: {} is ignored: Strand's Kafka clients find the brokers through bootstrap.servers"
            + " and need no ZooKeeper", key);
        continue;
      }
      Optional<ClassKey> classKey = CLASS_KEYS.stream().filter(c -> c.matches(key)).findFirst();
      if (value.startsWith(SAMZA_PREFIX)) {
        String strandName = STRAND_PREFIX + value.substring(SAMZA_PREFIX.length());
        String what = exists(strandName, loader) || RECOGNIZED.contains(strandName)
            ? "names Samza's class " + value + "; use " + strandName + " (rewrite Samza names with " + SED + ")"
            : "names Samza's class " + value + ", which has no Strand counterpart"
                + classKey.map(c -> "; " + c.instead).orElse("");
        problems.accept(new ConfigProblem(key, config.sourceOf(key), what));
        continue;
      }
      // The container's MetricsReporterCheck checks reporter classes (and names the same alternatives).
      if (classKey.isEmpty() || CHECKED_ELSEWHERE.contains(key) || !value.startsWith(STRAND_PREFIX)
          || key.startsWith("serializers.registry.") || key.startsWith("metrics.reporter.")) {
        continue;
      }
      if (!exists(value, loader) && !RECOGNIZED.contains(value) && exists(classKey.get().reader, loader)) {
        problems.accept(new ConfigProblem(key, config.sourceOf(key), "names " + value
            + ", which Strand does not have (a Samza class with no Strand counterpart?); " + classKey.get().instead));
      }
    }
  }

  static boolean namesSamzaClass(Config config, String key) {
    return config.get(key).map(String::trim).filter(v -> v.startsWith(SAMZA_PREFIX)).isPresent();
  }

  private static boolean exists(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
