package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The job-wide keys ({@code job.*}), with Samza's names and defaults.
 *
 * <p>{@code job.name} and {@code job.id} become part of topic, consumer-group and directory names
 * ({@code __strand-checkpoint-<job.name>-<job.id>}), so they are limited to letters, digits,
 * {@code .}, {@code _} and {@code -}.
 *
 * <p>Getters parse on every call and throw {@link ConfigException} naming the key and source
 * when a value is missing or malformed. Threading: immutable; safe to share between threads.
 */
public final class JobConfig {

  /** Required: the job's name; identifies its checkpoints, coordinator stream and changelogs. */
  public static final String JOB_NAME = "job.name";
  /** The instance of the job, to run several side by side; default {@value #DEFAULT_JOB_ID}. */
  public static final String JOB_ID = "job.id";
  /** The runner: local (threads), process (one JVM per container) or YARN, by class name. */
  public static final String JOB_FACTORY_CLASS = "job.factory.class";
  /** How many containers run the job's tasks; default {@value #DEFAULT_CONTAINER_COUNT}. */
  public static final String JOB_CONTAINER_COUNT = "job.container.count";
  /**
   * Threads per container that run tasks; default {@value #DEFAULT_CONTAINER_THREAD_POOL_SIZE},
   * which means the run loop's own thread only.
   */
  public static final String JOB_CONTAINER_THREAD_POOL_SIZE = "job.container.thread.pool.size";
  /** The factory of the grouper that turns input partitions into tasks, by class name. */
  public static final String JOB_SSP_GROUPER_FACTORY = "job.systemstreampartition.grouper.factory";
  /** Directory for stores with a changelog; must outlive the container for host affinity. */
  public static final String JOB_LOGGED_STORE_BASE_DIR = "job.logged.store.base.dir";
  /** Directory for stores without a changelog. */
  public static final String JOB_NON_LOGGED_STORE_BASE_DIR = "job.non-logged.store.base.dir";
  /**
   * Prefix of co-partitioned input groups, {@code job.copartitioned.<group>=system.stream,...}: the
   * listed inputs must have the same partition count, checked when the job model is planned (a
   * Strand addition, as Samza's planner checks the inputs of a join). The streams API writes one
   * per join, the group named by the operator.
   */
  public static final String JOB_COPARTITIONED_PREFIX = "job.copartitioned.";

  /** Default of {@link #JOB_ID}, as Samza's. */
  public static final String DEFAULT_JOB_ID = "1";
  /** Default of {@link #JOB_CONTAINER_COUNT}, as Samza's. */
  public static final int DEFAULT_CONTAINER_COUNT = 1;
  /** Default of {@link #JOB_CONTAINER_THREAD_POOL_SIZE}, as Samza's. */
  public static final int DEFAULT_CONTAINER_THREAD_POOL_SIZE = 0;

  private static final Pattern NAME_CHARS = Pattern.compile("[A-Za-z0-9._-]+");

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public JobConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * {@value #JOB_NAME}.
   *
   * @return the job name, trimmed
   * @throws ConfigException if absent, blank or holding characters other than letters, digits,
   *     {@code .}, {@code _} and {@code -}
   */
  public String getName() {
    return checkedName(JOB_NAME, config.getRequired(JOB_NAME));
  }

  /**
   * {@value #JOB_ID}.
   *
   * @return the job id, default {@value #DEFAULT_JOB_ID}
   * @throws ConfigException if blank or holding characters other than letters, digits, {@code .},
   *     {@code _} and {@code -}
   */
  public String getId() {
    return checkedName(JOB_ID, config.get(JOB_ID, DEFAULT_JOB_ID).trim());
  }

  /**
   * {@value #JOB_FACTORY_CLASS}.
   *
   * @return the runner factory class name, or empty when unset (the runner picks local)
   */
  public Optional<String> getFactoryClass() {
    return Values.nonBlank(config, JOB_FACTORY_CLASS);
  }

  /**
   * {@value #JOB_CONTAINER_COUNT}.
   *
   * @return the number of containers, at least 1; default {@value #DEFAULT_CONTAINER_COUNT}
   * @throws ConfigException if not a whole number of at least 1
   */
  public int getContainerCount() {
    return Values.intAtLeast(config, JOB_CONTAINER_COUNT, DEFAULT_CONTAINER_COUNT, 1);
  }

  /**
   * {@value #JOB_CONTAINER_THREAD_POOL_SIZE}.
   *
   * @return threads per container for task work, 0 for the run-loop thread only; default
   *     {@value #DEFAULT_CONTAINER_THREAD_POOL_SIZE}
   * @throws ConfigException if not a whole number of at least 0
   */
  public int getContainerThreadPoolSize() {
    return Values.intAtLeast(config, JOB_CONTAINER_THREAD_POOL_SIZE, DEFAULT_CONTAINER_THREAD_POOL_SIZE, 0);
  }

  /**
   * {@value #JOB_SSP_GROUPER_FACTORY}.
   *
   * @return the grouper factory class name, or empty for the runtime's default (group by
   *     partition)
   */
  public Optional<String> getGrouperFactory() {
    return Values.nonBlank(config, JOB_SSP_GROUPER_FACTORY);
  }

  /**
   * {@value #JOB_LOGGED_STORE_BASE_DIR}.
   *
   * @return the directory path, or empty for the runtime's default
   */
  public Optional<String> getLoggedStoreBaseDir() {
    return Values.nonBlank(config, JOB_LOGGED_STORE_BASE_DIR);
  }

  /**
   * {@value #JOB_NON_LOGGED_STORE_BASE_DIR}.
   *
   * @return the directory path, or empty for the runtime's default
   */
  public Optional<String> getNonLoggedStoreBaseDir() {
    return Values.nonBlank(config, JOB_NON_LOGGED_STORE_BASE_DIR);
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }

  private String checkedName(String key, String value) {
    if (!NAME_CHARS.matcher(value).matches()) {
      throw config.problem(key, "expected letters, digits, '.', '_' or '-' (it becomes part of topic and"
          + " directory names), got '" + value + "'");
    }
    return value;
  }
}
