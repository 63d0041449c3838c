package io.strand.metrics.reporter;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.validate.ConfigCheck;

/**
 * Validation of the metrics reporters ({@link MetricsReporterSettings}): the names and classes, and each
 * reporter's own settings through its factory's {@link MetricsReporterFactory#check} (a Prometheus
 * port, a snapshot stream and interval). Settings under {@code metrics.reporter.<name>.} for a name
 * that is not a reporter of the job are a warning: they would be ignored. So is Samza's
 * {@code metrics.reporter.<name>.blacklist} on a reporter other than the snapshot reporter: as in
 * Samza, only that one leaves metrics out.
 *
 * <p>Threading: stateless.
 */
public final class MetricsReporterCheck implements ConfigCheck {

  /** Creates the check. */
  public MetricsReporterCheck() {}

  @Override
  public void check(Config config, Report report) {
    MetricsReporterSettings settings;
    try {
      settings = MetricsReporterSettings.fromConfig(config);
    } catch (ConfigException e) {
      e.problems().forEach(report::problem);
      return;
    }
    for (MetricsReporterSettings.Reporter r : settings.reporters()) {
      try {
        config.instantiate(r.classKey(), r.factory()).check(r.name(), config);
      } catch (ConfigException e) {
        e.problems().forEach(report::problem);
      }
      String blacklist = MetricsReporterSettings.key(r.name(), MetricsSnapshotSettings.BLACKLIST);
      if (config.containsKey(blacklist) && !MetricsSnapshotReporterFactory.class.isAssignableFrom(r.factory())) {
        report.warning(new ConfigProblem(blacklist, config.sourceOf(blacklist), "reporter '" + r.name() + "' ("
            + r.factory().getName() + ") publishes every metric, so the blacklist is ignored; as in Samza, only the"
            + " snapshot reporter (" + MetricsSnapshotReporterFactory.class.getName() + ") leaves metrics out"
            + " (for Prometheus, drop series with metric_relabel_configs in the scrape config)"));
      }
    }
    for (String name : settings.unlistedNames(config)) {
      String key = MetricsReporterSettings.key(name, "class");
      String shown = config.containsKey(key) ? key : MetricsReporterSettings.REPORTER_PREFIX + name + ".*";
      report.warning(new ConfigProblem(shown, config.sourceOf(config.containsKey(key) ? key
          : firstKey(config, name)), "reporter '" + name + "' is not listed in " + MetricsReporterSettings.REPORTERS
          + " (" + config.get(MetricsReporterSettings.REPORTERS).orElse("unset: jmx only")
          + "), so its settings are ignored; add it there to run it"));
    }
  }

  private static String firstKey(Config config, String name) {
    String prefix = MetricsReporterSettings.REPORTER_PREFIX + name + ".";
    return config.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().findFirst().orElse(prefix);
  }
}
