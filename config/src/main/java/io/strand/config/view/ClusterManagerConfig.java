package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Objects;
import java.util.Optional;

/**
 * Container placement and restart keys ({@code cluster-manager.*}, {@code yarn.*},
 * {@code job.host-affinity.enabled}), with Samza's names and defaults.
 *
 * <p>As Samza's, each {@code cluster-manager.container.*} key falls back to its older
 * {@code yarn.container.*} spelling when only that one is set, so old Samza files keep working;
 * a problem then names the key actually written.
 *
 * <p>Getters parse on every call and throw {@link ConfigException} naming the key and source
 * when a value is malformed. Threading: immutable; safe to share between threads.
 */
public final class ClusterManagerConfig {

  /** Memory per container, in MB; default {@value #DEFAULT_CONTAINER_MEMORY_MB}. */
  public static final String CONTAINER_MEMORY_MB = "cluster-manager.container.memory.mb";
  /** CPU cores per container; default {@value #DEFAULT_CONTAINER_CPU_CORES}. */
  public static final String CONTAINER_CPU_CORES = "cluster-manager.container.cpu.cores";
  /** Failures of one container tolerated inside the retry window; default {@value #DEFAULT_CONTAINER_RETRY_COUNT}. */
  public static final String CONTAINER_RETRY_COUNT = "cluster-manager.container.retry.count";
  /** The window over which container failures are counted, in ms; default {@value #DEFAULT_CONTAINER_RETRY_WINDOW_MS}. */
  public static final String CONTAINER_RETRY_WINDOW_MS = "cluster-manager.container.retry.window.ms";
  /** How long to wait for the preferred host before taking any, in ms; default {@value #DEFAULT_CONTAINER_REQUEST_TIMEOUT_MS}. */
  public static final String CONTAINER_REQUEST_TIMEOUT_MS = "cluster-manager.container.request.timeout.ms";
  /** Whether a restarted container asks for the host it last ran on; default false. */
  public static final String JOB_HOST_AFFINITY_ENABLED = "job.host-affinity.enabled";
  /** Where YARN fetches the job package (the dist tar.gz), a URI. */
  public static final String YARN_PACKAGE_PATH = "yarn.package.path";
  /** Memory of the application master's container, in MB; default {@value #DEFAULT_AM_CONTAINER_MEMORY_MB}. */
  public static final String YARN_AM_CONTAINER_MEMORY_MB = "yarn.am.container.memory.mb";
  /** JVM options of the application master. */
  public static final String YARN_AM_OPTS = "yarn.am.opts";
  /** The YARN queue to submit to. */
  public static final String YARN_QUEUE = "yarn.queue";

  /** Older spelling of {@link #CONTAINER_MEMORY_MB}. */
  public static final String LEGACY_CONTAINER_MEMORY_MB = "yarn.container.memory.mb";
  /** Older spelling of {@link #CONTAINER_CPU_CORES}. */
  public static final String LEGACY_CONTAINER_CPU_CORES = "yarn.container.cpu.cores";
  /** Older spelling of {@link #CONTAINER_RETRY_COUNT}. */
  public static final String LEGACY_CONTAINER_RETRY_COUNT = "yarn.container.retry.count";
  /** Older spelling of {@link #CONTAINER_RETRY_WINDOW_MS}. */
  public static final String LEGACY_CONTAINER_RETRY_WINDOW_MS = "yarn.container.retry.window.ms";
  /** Older spelling of {@link #JOB_HOST_AFFINITY_ENABLED}. */
  public static final String LEGACY_HOST_AFFINITY_ENABLED = "yarn.samza.host-affinity.enabled";

  /** Default of {@link #CONTAINER_MEMORY_MB}, as Samza's. */
  public static final int DEFAULT_CONTAINER_MEMORY_MB = 1024;
  /** Default of {@link #CONTAINER_CPU_CORES}, as Samza's. */
  public static final int DEFAULT_CONTAINER_CPU_CORES = 1;
  /** Default of {@link #CONTAINER_RETRY_COUNT}, as Samza's. */
  public static final int DEFAULT_CONTAINER_RETRY_COUNT = 8;
  /** Default of {@link #CONTAINER_RETRY_WINDOW_MS}: 5 minutes, as Samza's. */
  public static final long DEFAULT_CONTAINER_RETRY_WINDOW_MS = 300_000;
  /** Default of {@link #CONTAINER_REQUEST_TIMEOUT_MS}, as Samza's. */
  public static final long DEFAULT_CONTAINER_REQUEST_TIMEOUT_MS = 5_000;
  /** Default of {@link #YARN_AM_CONTAINER_MEMORY_MB}, as Samza's. */
  public static final int DEFAULT_AM_CONTAINER_MEMORY_MB = 1024;

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public ClusterManagerConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * {@value #CONTAINER_MEMORY_MB} (or {@value #LEGACY_CONTAINER_MEMORY_MB}).
   *
   * @return memory per container in MB, at least 1; default {@value #DEFAULT_CONTAINER_MEMORY_MB}
   * @throws ConfigException if not a whole number of at least 1
   */
  public int getContainerMemoryMb() {
    return Values.intAtLeast(config, keyInUse(CONTAINER_MEMORY_MB, LEGACY_CONTAINER_MEMORY_MB),
        DEFAULT_CONTAINER_MEMORY_MB, 1);
  }

  /**
   * {@value #CONTAINER_CPU_CORES} (or {@value #LEGACY_CONTAINER_CPU_CORES}).
   *
   * @return cores per container, at least 1; default {@value #DEFAULT_CONTAINER_CPU_CORES}
   * @throws ConfigException if not a whole number of at least 1
   */
  public int getContainerCpuCores() {
    return Values.intAtLeast(config, keyInUse(CONTAINER_CPU_CORES, LEGACY_CONTAINER_CPU_CORES),
        DEFAULT_CONTAINER_CPU_CORES, 1);
  }

  /**
   * {@value #CONTAINER_RETRY_COUNT} (or {@value #LEGACY_CONTAINER_RETRY_COUNT}).
   *
   * @return failures of one container tolerated per retry window, at least 0; default
   *     {@value #DEFAULT_CONTAINER_RETRY_COUNT}
   * @throws ConfigException if not a whole number of at least 0
   */
  public int getContainerRetryCount() {
    return Values.intAtLeast(config, keyInUse(CONTAINER_RETRY_COUNT, LEGACY_CONTAINER_RETRY_COUNT),
        DEFAULT_CONTAINER_RETRY_COUNT, 0);
  }

  /**
   * {@value #CONTAINER_RETRY_WINDOW_MS} (or {@value #LEGACY_CONTAINER_RETRY_WINDOW_MS}).
   *
   * @return the failure-counting window in ms, at least 1; default
   *     {@value #DEFAULT_CONTAINER_RETRY_WINDOW_MS}
   * @throws ConfigException if not a duration of at least 1 ms
   */
  public long getContainerRetryWindowMs() {
    return Values.durationAtLeast(config, keyInUse(CONTAINER_RETRY_WINDOW_MS, LEGACY_CONTAINER_RETRY_WINDOW_MS),
        DEFAULT_CONTAINER_RETRY_WINDOW_MS, 1);
  }

  /**
   * {@value #CONTAINER_REQUEST_TIMEOUT_MS}.
   *
   * @return how long to wait for the preferred host in ms, at least 0; default
   *     {@value #DEFAULT_CONTAINER_REQUEST_TIMEOUT_MS}
   * @throws ConfigException if not a duration of at least 0 ms
   */
  public long getContainerRequestTimeoutMs() {
    return Values.durationAtLeast(config, CONTAINER_REQUEST_TIMEOUT_MS, DEFAULT_CONTAINER_REQUEST_TIMEOUT_MS, 0);
  }

  /**
   * {@value #JOB_HOST_AFFINITY_ENABLED} (or {@value #LEGACY_HOST_AFFINITY_ENABLED}).
   *
   * @return whether containers go back to their last host; default false
   * @throws ConfigException if neither true nor false
   */
  public boolean isHostAffinityEnabled() {
    return config.getBoolean(keyInUse(JOB_HOST_AFFINITY_ENABLED, LEGACY_HOST_AFFINITY_ENABLED), false);
  }

  /**
   * {@value #YARN_PACKAGE_PATH}.
   *
   * @return the package URI as written, or empty when unset (required only to run on YARN)
   */
  public Optional<String> getYarnPackagePath() {
    return Values.nonBlank(config, YARN_PACKAGE_PATH);
  }

  /**
   * {@value #YARN_AM_CONTAINER_MEMORY_MB}.
   *
   * @return the application master's memory in MB, at least 1; default
   *     {@value #DEFAULT_AM_CONTAINER_MEMORY_MB}
   * @throws ConfigException if not a whole number of at least 1
   */
  public int getYarnAmContainerMemoryMb() {
    return Values.intAtLeast(config, YARN_AM_CONTAINER_MEMORY_MB, DEFAULT_AM_CONTAINER_MEMORY_MB, 1);
  }

  /**
   * {@value #YARN_AM_OPTS}.
   *
   * @return the application master's JVM options as written, or empty when unset
   */
  public Optional<String> getYarnAmOpts() {
    return Values.nonBlank(config, YARN_AM_OPTS);
  }

  /**
   * {@value #YARN_QUEUE}.
   *
   * @return the queue name, or empty for YARN's default queue
   */
  public Optional<String> getYarnQueue() {
    return Values.nonBlank(config, YARN_QUEUE);
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }

  private String keyInUse(String key, String legacyKey) {
    return !config.containsKey(key) && config.containsKey(legacyKey) ? legacyKey : key;
  }
}
