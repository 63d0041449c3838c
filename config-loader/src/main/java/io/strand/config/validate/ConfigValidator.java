package io.strand.config.validate;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.application.SamzaApplication;
import io.strand.config.application.ApplicationLoader;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.ClusterManagerConfig;
import io.strand.config.view.ContainerStorageConfig;
import io.strand.config.view.JobConfig;
import io.strand.config.view.SerializerConfig;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.serializers.SerdeFactory;
import io.strand.task.AsyncStreamTask;
import io.strand.task.StreamTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a whole job configuration before anything starts, and reports every problem at once in
 * one {@link ConfigException}, each naming the key, the source file and what was expected.
 *
 * <p>What is checked:
 * <ul>
 *   <li>required keys: {@code job.name}, {@code task.class} (or {@code app.class}, not both),
 *       {@code task.inputs};</li>
 *   <li>class names left from a Samza properties file ({@code org.apache.samza.*}) and
 *       {@code io.strand.*} classes Strand does not have, in the keys that take classes (see
 *       {@link SamzaNamesCheck});</li>
 *   <li>every typed key the views know (numbers, booleans, durations, enums), including the
 *       per-system, per-stream and per-store ones, by calling the views' getters;</li>
 *   <li>streams in {@code system.stream} form ({@code task.inputs}, {@code task.broadcast.inputs}
 *       with {@code #n} / {@code #[a-b]}, {@code stores.<s>.changelog}, which also accepts a bare
 *       system name for the default changelog topic), and that each system they name has some
 *       {@code systems.<s>.*} configuration;</li>
 *   <li>{@code task.class} implements {@link StreamTask} or {@link AsyncStreamTask};
 *       each {@code serializers.registry.<n>.class} implements {@link SerdeFactory}. The
 *       interfaces are looked up by name; when they are not on the class path only the class's
 *       existence is checked;</li>
 *   <li>every serde named by a system, stream or store is built in or registered;</li>
 *   <li>every store has {@code key.serde} and {@code msg.serde};</li>
 *   <li>stream-level keys ({@code systems.<s>.streams.<t>.*}, {@code systems.<s>.default.stream.*}):
 *       an input-only setting for a stream the job does not read is a problem; settings that are
 *       ignored but can be legitimate are warnings (see {@link #warnings}).</li>
 * </ul>
 * Keys the views do not know are left alone here (Kafka client properties pass through); modules
 * that know them add {@link ConfigCheck}s (the container checks Kafka client settings, RocksDB
 * settings and store directories), whose findings are reported with the rest.
 *
 * <p>Threading: immutable; one validator may validate from several threads at once.
 */
public final class ConfigValidator {

  // By name, not by Class: a job's classes may live in a loader of their own, and the check must
  // compare against the interfaces as that loader sees them.
  /** The name of the interface a synchronous task class implements. */
  public static final String STREAM_TASK = StreamTask.class.getName();
  /** The name of the interface an asynchronous task class implements. */
  public static final String ASYNC_STREAM_TASK = AsyncStreamTask.class.getName();
  /** The name of the interface a serde factory class implements. */
  public static final String SERDE_FACTORY = SerdeFactory.class.getName();
  /** The name of the interface every {@code app.class} implements. */
  public static final String SAMZA_APPLICATION = SamzaApplication.class.getName();
  /**
   * The streams API's application interface, named by text: the streams module sits above this
   * one; a class is checked against it only when it is on the class path.
   */
  public static final String STREAM_APPLICATION = "io.strand.streams.StreamApplication";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigValidator.class);

  private final ClassLoader loader;
  private final List<ConfigCheck> checks;

  /** Creates a validator that loads classes through the calling thread's context class loader. */
  public ConfigValidator() {
    this(null);
  }

  /**
   * Creates a validator that loads classes through the given loader.
   *
   * @param loader the loader for task and serde classes, or null for the calling thread's
   *     context class loader at validation time
   */
  public ConfigValidator(ClassLoader loader) {
    this(loader, List.of());
  }

  /**
   * Creates a validator that also runs checks contributed by other modules.
   *
   * @param loader the loader for task and serde classes, or null for the calling thread's
   *     context class loader at validation time
   * @param checks run after this validator's own checks, in order; their problems and warnings
   *     are reported with the others
   */
  public ConfigValidator(ClassLoader loader, List<ConfigCheck> checks) {
    this.loader = loader;
    this.checks = List.copyOf(checks);
  }

  /**
   * Validates a configuration, logging each {@linkplain #warnings warning} at WARN (one line
   * each, naming key and file) before any problem is thrown.
   *
   * @param config the whole job configuration
   * @throws ConfigException listing every problem found, if there is any
   */
  public void validate(Config config) {
    Findings findings = findings(config);
    for (ConfigProblem warning : findings.warnings()) {
      LOG.warn("Configuration: {}", warning);
    }
    List<ConfigProblem> problems = findings.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * Every problem with a configuration, without throwing.
   *
   * @param config the whole job configuration
   * @return the problems in a stable order (job, task, serializers, systems, stores, cluster
   *     manager); empty when the configuration is valid
   */
  public List<ConfigProblem> problems(Config config) {
    return findings(config).problems();
  }

  /**
   * What the configuration has that may be a mistake but can be legitimate: each is logged at
   * WARN by {@link #validate}, and the job still runs. See {@link StreamKeyCheck} for which
   * stream-level keys are warnings and which are problems.
   *
   * @param config the whole job configuration
   * @return the warnings in a stable order; empty when there is none
   */
  public List<ConfigProblem> warnings(Config config) {
    return findings(config).warnings();
  }

  private record Findings(List<ConfigProblem> problems, List<ConfigProblem> warnings) { }

  private Findings findings(Config config) {
    ProblemCollector problems = new ProblemCollector();
    List<ConfigProblem> warnings = new ArrayList<>();
    ClassCheck classes = new ClassCheck(effectiveLoader());
    SerializerConfig serializers = new SerializerConfig(config);
    Set<String> usedSystems = new TreeSet<>();

    checkJob(new JobConfig(config), problems);
    SamzaNamesCheck.check(config, effectiveLoader(), problems::add);
    checkTask(config, new TaskConfig(config), classes, problems, usedSystems);
    checkSerializers(config, serializers, classes, problems);
    checkSystems(config, new SystemConfig(config), serializers, problems);
    checkStores(config, new StorageConfig(config), serializers, problems, usedSystems);
    checkClusterManager(new ClusterManagerConfig(config), problems);
    checkSystemsConfigured(config, usedSystems, problems);
    StreamKeyCheck.check(config, problems, warnings);
    ConfigCheck.Report report = new ConfigCheck.Report() {
      @Override
      public void problem(ConfigProblem problem) {
        problems.add(problem);
      }

      @Override
      public void warning(ConfigProblem warning) {
        warnings.add(warning);
      }
    };
    for (ConfigCheck check : checks) {
      problems.get(() -> {
        check.check(config, report);
        return null;
      });
    }
    return new Findings(problems.problems(), List.copyOf(warnings));
  }

  private static void checkJob(JobConfig job, ProblemCollector problems) {
    problems.get(job::getName);
    problems.get(job::getId);
    problems.get(job::getContainerCount);
    problems.get(job::getContainerThreadPoolSize);
  }

  private static void checkTask(Config config, TaskConfig task, ClassCheck classes, ProblemCollector problems,
      Set<String> usedSystems) {
    Optional<String> app = config.get(ApplicationLoader.APP_CLASS).map(String::trim).filter(s -> !s.isEmpty());
    if (app.isPresent()) {
      if (config.get(TaskConfig.TASK_CLASS).filter(s -> !s.isBlank()).isPresent()) {
        problems.add(problem(config, ApplicationLoader.APP_CLASS, "app.class and task.class are both set; an"
            + " application gives its tasks through withTaskFactory: remove task.class (or remove app.class)"));
      }
      if (!SamzaNamesCheck.namesSamzaClass(config, ApplicationLoader.APP_CLASS)) {
        classes.problemWith(app.get(), List.of(SAMZA_APPLICATION, STREAM_APPLICATION))
            .ifPresent(what -> problems.add(problem(config, ApplicationLoader.APP_CLASS, what)));
      }
    } else if (!SamzaNamesCheck.namesSamzaClass(config, TaskConfig.TASK_CLASS)) {
      problems.get(task::getTaskClass).ifPresent(name ->
          classes.problemWith(name, List.of(STREAM_TASK, ASYNC_STREAM_TASK))
              .ifPresent(what -> problems.add(problem(config, TaskConfig.TASK_CLASS, what))));
    }
    problems.get(task::getInputs).ifPresent(inputs ->
        inputs.forEach(s -> usedSystems.add(s.system())));
    problems.get(task::getBroadcastInputs).ifPresent(inputs ->
        inputs.stream().map(BroadcastInput::stream).forEach(s -> usedSystems.add(s.system())));
    problems.get(task::getWindowMs);
    problems.get(task::getCommitMs);
    problems.get(task::getMaxConcurrency);
    problems.get(task::getShutdownMs);
    problems.get(task::isDropDeserializationErrors);
    problems.get(task::isDropSerializationErrors);
    problems.get(task::getDeliveryGuarantee);
    problems.get(task::getMissingCheckpointPolicy);
  }

  private static void checkSerializers(Config config, SerializerConfig serializers, ClassCheck classes,
      ProblemCollector problems) {
    for (Map.Entry<String, String> serde : serializers.getRegisteredSerdes().entrySet()) {
      String key = SerializerConfig.registryKey(serde.getKey());
      if (SamzaNamesCheck.namesSamzaClass(config, key)) {
        continue; // reported with the Strand name to use
      }
      if (serde.getValue().isEmpty()) {
        problems.add(problem(config, key, "expected the class name of a " + SERDE_FACTORY + " implementation"));
        continue;
      }
      classes.problemWith(serde.getValue(), List.of(SERDE_FACTORY))
          .ifPresent(what -> problems.add(problem(config, key, what)));
    }
  }

  private static void checkSystems(Config config, SystemConfig systems, SerializerConfig serializers,
      ProblemCollector problems) {
    for (String system : systems.getSystemNames()) {
      problems.get(() -> systems.getOffsetDefault(system));
      checkSerdeName(config, SystemConfig.systemKey(system, SystemConfig.SAMZA_KEY_SERDE), serializers, problems);
      checkSerdeName(config, SystemConfig.systemKey(system, SystemConfig.SAMZA_MSG_SERDE), serializers, problems);
      for (StreamName stream : systems.getConfiguredStreams(system)) {
        problems.get(() -> systems.getOffsetDefault(stream));
        problems.get(() -> systems.isResetOffset(stream));
        problems.get(() -> systems.isBootstrap(stream));
        problems.get(() -> systems.getPriority(stream));
        checkSerdeName(config, SystemConfig.streamKey(stream, SystemConfig.SAMZA_KEY_SERDE), serializers, problems);
        checkSerdeName(config, SystemConfig.streamKey(stream, SystemConfig.SAMZA_MSG_SERDE), serializers, problems);
      }
    }
  }

  private static void checkStores(Config config, StorageConfig stores, SerializerConfig serializers,
      ProblemCollector problems, Set<String> usedSystems) {
    ContainerStorageConfig containerStorage = new ContainerStorageConfig(config);
    problems.get(containerStorage::getContainerRestoreThreads);
    problems.get(containerStorage::getContainerSnapshotIntervalMs);
    problems.get(containerStorage::getContainerRocksDbMemoryBytes);
    for (String store : stores.getStoreNames()) {
      for (String suffix : List.of(StorageConfig.KEY_SERDE, StorageConfig.MSG_SERDE)) {
        String key = StorageConfig.storeKey(store, suffix);
        if (config.get(key).filter(v -> !v.isBlank()).isEmpty()) {
          problems.add(problem(config, key, "required for store '" + store + "'; expected a serde name ("
              + String.join(", ", serializers.getSerdeNames()) + ")"));
        } else {
          checkSerdeName(config, key, serializers, problems);
        }
      }
      problems.get(() -> stores.getChangelog(store)).flatMap(c -> c)
          .ifPresent(changelog -> usedSystems.add(changelog.system()));
      problems.get(() -> stores.getChangelogReplicationFactor(store));
      problems.get(() -> stores.getChangelogRecovery(store));
      problems.get(() -> stores.getChangelogRetentionMs(store));
      problems.get(() -> stores.getWriteBatchSize(store));
      problems.get(() -> stores.getObjectCacheSize(store));
      problems.get(() -> stores.getRocksDbTtlMs(store));
      problems.get(() -> stores.getRocksDbBlockSizeBytes(store));
      problems.get(() -> stores.getContainerCacheSizeBytes(store));
      problems.get(() -> stores.getContainerWriteBufferSizeBytes(store));
    }
  }

  private static void checkClusterManager(ClusterManagerConfig cluster, ProblemCollector problems) {
    problems.get(cluster::getContainerMemoryMb);
    problems.get(cluster::getContainerCpuCores);
    problems.get(cluster::getContainerRetryCount);
    problems.get(cluster::getContainerRetryWindowMs);
    problems.get(cluster::getContainerRequestTimeoutMs);
    problems.get(cluster::isHostAffinityEnabled);
    problems.get(cluster::getYarnAmContainerMemoryMb);
  }

  // A typo in a system name ("kafak.orders") would otherwise surface only as a connection error.
  private static void checkSystemsConfigured(Config config, Set<String> usedSystems, ProblemCollector problems) {
    Set<String> configured = new SystemConfig(config).getSystemNames();
    for (String system : usedSystems) {
      if (!configured.contains(system)) {
        String key = firstKeyUsing(config, system);
        problems.add(problem(config, key, "names system '" + system + "', which has no "
            + SystemConfig.SYSTEMS_PREFIX + system + ".* configuration; expected one of "
            + (configured.isEmpty() ? "(no systems are configured)" : String.join(", ", configured))
            + " or settings such as " + SystemConfig.systemKey(system, SystemConfig.CONSUMER_PREFIX) + "bootstrap.servers"));
      }
    }
  }

  private static String firstKeyUsing(Config config, String system) {
    for (String key : List.of(TaskConfig.TASK_INPUTS, TaskConfig.TASK_BROADCAST_INPUTS)) {
      if (config.getList(key).stream().anyMatch(item -> item.startsWith(system + "."))) {
        return key;
      }
    }
    for (String store : new StorageConfig(config).getStoreNames()) {
      String key = StorageConfig.storeKey(store, StorageConfig.CHANGELOG);
      if (config.get(key).map(String::trim).filter(v -> v.startsWith(system + ".") || v.equals(system)).isPresent()) {
        return key;
      }
    }
    return TaskConfig.TASK_INPUTS;
  }

  private static void checkSerdeName(Config config, String key, SerializerConfig serializers, ProblemCollector problems) {
    Optional<String> name = config.get(key).map(String::trim).filter(v -> !v.isEmpty());
    if (name.isPresent() && !serializers.isRegistered(name.get())) {
      problems.add(problem(config, key, "serde '" + name.get() + "' is not registered; expected a built-in ("
          + String.join(", ", SerializerConfig.BUILT_IN_SERDE_NAMES) + ") or a "
          + SerializerConfig.registryKey(name.get()) + " entry"));
    }
  }

  private static ConfigProblem problem(Config config, String key, String what) {
    return new ConfigProblem(key, config.sourceOf(key), what);
  }

  private ClassLoader effectiveLoader() {
    if (loader != null) {
      return loader;
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ConfigValidator.class.getClassLoader();
  }
}
