package io.strand.metrics.reporter;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which metrics reporters a job's containers run, as Samza names them: {@value #REPORTERS} lists
 * reporter names, and {@code metrics.reporter.<name>.class} names each one's
 * {@link MetricsReporterFactory}. Unset, {@value #REPORTERS} means one reporter, {@value #DEFAULT_NAME},
 * of class {@link JmxReporterFactory} (unless {@code metrics.reporter.jmx.class} names another): the
 * meters are in JMX, as before reporters could be chosen. Set but empty, it means none: the meters
 * are kept (for the runners' progress lines and the YARN reports) but published nowhere.
 *
 * <p>Threading: an immutable value.
 *
 * @param reporters the reporters in the order listed; names are unique
 */
public record MetricsReporterSettings(List<Reporter> reporters) {

  /** The key listing the reporter names, comma-separated. */
  public static final String REPORTERS = "metrics.reporters";
  /** The prefix of every reporter's own settings: {@code metrics.reporter.<name>.<setting>}. */
  public static final String REPORTER_PREFIX = "metrics.reporter.";
  /** The reporter a job has when {@value #REPORTERS} is unset. */
  public static final String DEFAULT_NAME = "jmx";

  /**
   * One listed reporter.
   *
   * @param name its name in {@value #REPORTERS}
   * @param factory its factory class, from {@code metrics.reporter.<name>.class}
   */
  public record Reporter(String name, Class<? extends MetricsReporterFactory> factory) {

    /**
     * Checks the parts are present.
     *
     * @throws NullPointerException if either is null
     */
    public Reporter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(factory, "factory");
    }

    /**
     * The key naming this reporter's factory.
     *
     * @return {@code metrics.reporter.<name>.class}
     */
    public String classKey() {
      return key(name, "class");
    }
  }

  /** Copies the list. */
  public MetricsReporterSettings {
    reporters = List.copyOf(reporters);
  }

  /**
   * The key of one reporter setting.
   *
   * @param name the reporter's name
   * @param setting the setting, for example {@code port}
   * @return {@code metrics.reporter.<name>.<setting>}
   */
  public static String key(String name, String setting) {
    return REPORTER_PREFIX + name + "." + setting;
  }

  /**
   * Reads the reporters of a job config; every class is loaded (without running its code).
   *
   * @param config the whole job config
   * @return the settings
   * @throws ConfigException with every problem found: a name that is blank, listed twice or holds a
   *     {@code .}, a listed name without {@code metrics.reporter.<name>.class}, a class that is not
   *     found or not a {@link MetricsReporterFactory}
   */
  public static MetricsReporterSettings fromConfig(Config config) {
    if (!config.containsKey(REPORTERS)) {
      String key = key(DEFAULT_NAME, "class");
      Class<? extends MetricsReporterFactory> factory =
          config.getClass(key, MetricsReporterFactory.class).orElse(JmxReporterFactory.class);
      return new MetricsReporterSettings(List.of(new Reporter(DEFAULT_NAME, factory)));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<Reporter> reporters = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String name : config.get(REPORTERS).orElse("").split(",", -1)) {
      String n = name.trim();
      if (n.isEmpty() && config.get(REPORTERS).orElse("").isBlank()) {
        continue; // metrics.reporters= (empty): no reporter
      }
      if (n.isEmpty() || n.contains(".") || n.chars().anyMatch(Character::isWhitespace)) {
        problems.add(problem(config, REPORTERS, "reporter name '" + n + "' is not valid; expected a comma-separated"
            + " list of names without dots or spaces, for example 'jmx,prometheus'"));
        continue;
      }
      if (!seen.add(n)) {
        problems.add(problem(config, REPORTERS, "reporter '" + n + "' is listed twice"));
        continue;
      }
      String classKey = key(n, "class");
      try {
        config.getClass(classKey, MetricsReporterFactory.class).ifPresentOrElse(
            factory -> reporters.add(new Reporter(n, factory)),
            () -> problems.add(problem(config, classKey, "reporter '" + n + "' is listed in " + REPORTERS
                + " but has no class; expected a " + MetricsReporterFactory.class.getName() + ", one of "
                + JmxReporterFactory.class.getName() + ", " + PrometheusReporterFactory.class.getName() + ", "
                + MetricsSnapshotReporterFactory.class.getName())));
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new MetricsReporterSettings(reporters);
  }

  /**
   * Names that have {@code metrics.reporter.<name>.*} settings but are not reporters of the job:
   * settings that would be ignored.
   *
   * @param config the whole job config
   * @return the names, sorted
   */
  public Set<String> unlistedNames(Config config) {
    Set<String> names = new TreeSet<>();
    for (String key : config.subset(REPORTER_PREFIX).keySet()) {
      int dot = key.indexOf('.');
      names.add(dot < 0 ? key : key.substring(0, dot));
    }
    reporters.forEach(r -> names.remove(r.name()));
    return names;
  }

  private static ConfigProblem problem(Config config, String key, String what) {
    return new ConfigProblem(key, config.sourceOf(key), what);
  }
}
