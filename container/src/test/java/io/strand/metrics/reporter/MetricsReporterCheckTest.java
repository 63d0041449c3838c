package io.strand.metrics.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;
import io.strand.container.validate.ValidationProblems;
import io.strand.config.validate.ConfigValidator;
import io.strand.container.validate.ContainerChecks;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Validation of {@code metrics.reporters} and the built-in reporters' settings, without a broker. */
class MetricsReporterCheckTest {

  private static final String SOURCE = "/etc/strand/orders.properties";
  private final ConfigValidator validator = ContainerChecks.validator();

  private static Map<String, String> valid() {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "orders");
    m.put("task.class", "io.strand.container.testjobs.FilterMapTask");
    m.put("task.inputs", "kafka.orders");
    m.put("systems.kafka.producer.bootstrap.servers", "localhost:9092");
    m.put("metrics.reporters", "jmx,prometheus,snapshot");
    m.put("metrics.reporter.jmx.class", JmxReporterFactory.class.getName());
    m.put("metrics.reporter.prometheus.class", PrometheusReporterFactory.class.getName());
    m.put("metrics.reporter.prometheus.port", "9404");
    m.put("metrics.reporter.snapshot.class", MetricsSnapshotReporterFactory.class.getName());
    m.put("metrics.reporter.snapshot.stream", "kafka.metrics");
    m.put("metrics.reporter.snapshot.interval", "30");
    return m;
  }

  private static List<ConfigProblem> problems(Map<String, String> entries) {
    return ValidationProblems.of(entries, SOURCE);
  }

  private static ConfigProblem on(List<ConfigProblem> problems, String key) {
    return ValidationProblems.on(problems, key);
  }

  @Test
  void threeBuiltInReportersAreValidAndResolveInOrder() {
    assertEquals(List.of(), problems(valid()));
    Config config = new Config(valid(), SOURCE);
    MetricsReporterSettings settings = MetricsReporterSettings.fromConfig(config);
    assertEquals(List.of(new MetricsReporterSettings.Reporter("jmx", JmxReporterFactory.class),
        new MetricsReporterSettings.Reporter("prometheus", PrometheusReporterFactory.class),
        new MetricsReporterSettings.Reporter("snapshot", MetricsSnapshotReporterFactory.class)), settings.reporters());
    assertEquals(new PrometheusReporterSettings("", 9404), PrometheusReporterSettings.fromConfig("prometheus", config));
    assertEquals(new MetricsSnapshotSettings(new io.strand.system.SystemStream("kafka", "metrics"), 30_000),
        MetricsSnapshotSettings.fromConfig("snapshot", config));
  }

  @Test
  void withoutMetricsReportersTheJobHasJmxOnlyAndWithAnEmptyListNone() {
    Map<String, String> m = valid();
    m.keySet().removeIf(k -> k.startsWith("metrics."));
    assertEquals(List.of(new MetricsReporterSettings.Reporter("jmx", JmxReporterFactory.class)),
        MetricsReporterSettings.fromConfig(Config.of(m)).reporters());
    m.put("metrics.reporters", "");
    assertEquals(List.of(), MetricsReporterSettings.fromConfig(Config.of(m)).reporters());
  }

  @Test
  void aListedReporterWithoutClassAnUnknownClassAndABadNameAreReportedOnTheirKeys() {
    Map<String, String> m = valid();
    m.put("metrics.reporters", "jmx,prometheus,snapshot,graphite,bad.name");
    m.put("metrics.reporter.prometheus.class", "io.strand.metrics.reporter.NoSuchFactory");
    List<ConfigProblem> problems = problems(m);

    assertTrue(on(problems, "metrics.reporter.graphite.class").problem()
        .contains("reporter 'graphite' is listed in metrics.reporters but has no class"), problems::toString);
    assertTrue(on(problems, "metrics.reporter.prometheus.class").problem()
        .contains("class 'io.strand.metrics.reporter.NoSuchFactory' was not found"), problems::toString);
    assertTrue(on(problems, "metrics.reporters").problem().contains("'bad.name' is not valid"), problems::toString);
    problems.forEach(p -> assertEquals(SOURCE, p.source()));
  }

  @Test
  void badPortStreamAndIntervalAreReportedOnTheirKeys() {
    Map<String, String> m = valid();
    m.put("metrics.reporter.prometheus.port", "70000");
    m.put("metrics.reporter.snapshot.stream", "other.metrics");
    List<ConfigProblem> problems = problems(m);
    assertTrue(on(problems, "metrics.reporter.prometheus.port").problem()
        .contains("expected a TCP port from 0 to 65535 (0 picks a free one), got '70000'"), problems::toString);
    assertTrue(on(problems, "metrics.reporter.snapshot.stream").problem()
        .contains("names system 'other', which has no systems.other.* configuration"), problems::toString);

    m = valid();
    m.put("metrics.reporter.snapshot.interval", "0");
    m.put("metrics.reporter.prometheus.port", "http");
    problems = problems(m);
    assertTrue(on(problems, "metrics.reporter.snapshot.interval").problem().contains("got '0'"), problems::toString);
    assertTrue(on(problems, "metrics.reporter.prometheus.port").problem().contains("got 'http'"), problems::toString);

    m = valid();
    m.remove("metrics.reporter.snapshot.stream");
    problems = problems(m);
    assertTrue(on(problems, "metrics.reporter.snapshot.stream").problem().contains("needs the stream to write to"),
        problems::toString);
  }

  @Test
  void settingsOfAReporterThatIsNotListedAreAWarning() {
    Map<String, String> m = valid();
    m.put("metrics.reporters", "jmx");
    Config config = new Config(m, SOURCE);
    assertEquals(List.of(), validator.problems(config));
    List<ConfigProblem> warnings = validator.warnings(config).stream()
        .filter(w -> w.key().startsWith("metrics.")).toList();
    assertEquals(List.of("metrics.reporter.prometheus.class", "metrics.reporter.snapshot.class"),
        warnings.stream().map(ConfigProblem::key).toList());
    assertTrue(warnings.get(0).problem().contains("reporter 'prometheus' is not listed in metrics.reporters (jmx)"),
        warnings::toString);
  }

  @Test
  void aSnapshotBlacklistIsReadAndABadRegexIsReportedOnItsKey() {
    Map<String, String> m = valid();
    m.put("metrics.reporter.snapshot.blacklist", "strand\\.task\\..*");
    Config config = new Config(m, SOURCE);
    assertEquals(List.of(), validator.problems(config));
    assertEquals(java.util.Optional.of("strand\\.task\\..*"),
        MetricsSnapshotSettings.fromConfig("snapshot", config).blacklist());

    m.put("metrics.reporter.snapshot.blacklist", "strand.(task");
    List<ConfigProblem> problems = problems(m);
    assertTrue(on(problems, "metrics.reporter.snapshot.blacklist").problem()
        .contains("expected a Java regular expression of the metrics not to send, matched against <group>.<name>;"
            + " 'strand.(task' is not one"), problems::toString);
  }

  @Test
  void aBlacklistOnJmxOrPrometheusIsAWarningAsOnlyTheSnapshotReporterHonoursIt() {
    Map<String, String> m = valid();
    m.put("metrics.reporter.jmx.blacklist", ".*");
    m.put("metrics.reporter.prometheus.blacklist", ".*");
    Config config = new Config(m, SOURCE);
    assertEquals(List.of(), validator.problems(config));
    List<ConfigProblem> warnings = validator.warnings(config).stream()
        .filter(w -> w.key().endsWith(".blacklist")).toList();
    assertEquals(List.of("metrics.reporter.jmx.blacklist", "metrics.reporter.prometheus.blacklist"),
        warnings.stream().map(ConfigProblem::key).sorted().toList());
    assertTrue(warnings.stream().allMatch(w -> w.problem().contains("publishes every metric, so the blacklist is"
        + " ignored; as in Samza, only the snapshot reporter")), warnings::toString);
  }
}
