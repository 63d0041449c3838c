package io.strand.yarn.launch;

import io.strand.config.Config;
import io.strand.config.view.ClusterManagerConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The YARN keys Strand adds to Samza's ({@link ClusterManagerConfig} holds those): where the
 * client stages the job's config, how many AM attempts YARN makes, and the development class-path
 * mode.
 *
 * <p>Threading: immutable; safe to share between threads.
 */
public final class YarnSettings {

  /**
   * A class path of absolute paths present on every NodeManager host, used instead of the
   * package's {@code lib/} (for tests and development on one machine). When set,
   * {@link ClusterManagerConfig#YARN_PACKAGE_PATH} is not needed and the AM and containers run on
   * the submitting JVM's {@code java.home}.
   */
  public static final String CLASSPATH = "strand.yarn.classpath";
  /**
   * Directory (a Hadoop file-system URI or path) under which the client stages each
   * application's config, in {@code <dir>/<application id>/}; default
   * {@code <home dir of the default file system>/.strand/staging}. The AM deletes the
   * application's directory when it unregisters.
   */
  public static final String STAGING_DIR = "strand.yarn.staging.dir";
  /** Application master attempts YARN makes before the application fails; default {@value #DEFAULT_AM_ATTEMPTS}. */
  public static final String AM_ATTEMPTS = "yarn.am.attempts";
  /** Default of {@link #AM_ATTEMPTS}. */
  public static final int DEFAULT_AM_ATTEMPTS = 2;

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job config
   */
  public YarnSettings(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * {@value #CLASSPATH}.
   *
   * @return the class path, or empty for package mode
   */
  public Optional<String> classpath() {
    return config.get(CLASSPATH).map(String::trim).filter(s -> !s.isEmpty());
  }

  /**
   * {@value #STAGING_DIR}.
   *
   * @return the staging root as written, or empty for the default
   */
  public Optional<String> stagingDir() {
    return config.get(STAGING_DIR).map(String::trim).filter(s -> !s.isEmpty());
  }

  /**
   * {@value #AM_ATTEMPTS}.
   *
   * @return attempts, at least 1
   * @throws io.strand.config.ConfigException if not a whole number of at least 1
   */
  public int amAttempts() {
    int attempts = config.getInt(AM_ATTEMPTS, DEFAULT_AM_ATTEMPTS);
    if (attempts < 1) {
      throw config.problem(AM_ATTEMPTS, "must be at least 1, got " + attempts);
    }
    return attempts;
  }
}
