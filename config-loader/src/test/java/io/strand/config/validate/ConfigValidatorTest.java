package io.strand.config.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.load.ConfigLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

  private static final String SOURCE = "job.properties";
  private final ConfigValidator validator = new ConfigValidator();

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ConfigValidatorTest.class.getResource("/" + name).toURI());
  }

  /** A valid configuration; each test breaks one thing. */
  private static Map<String, String> valid() {
    Map<String, String> entries = new HashMap<>();
    entries.put("job.name", "orders");
    entries.put("task.class", "io.strand.config.validate.fixtures.GoodTask");
    entries.put("task.inputs", "kafka.orders");
    entries.put("systems.kafka.consumer.bootstrap.servers", "localhost:9092");
    entries.put("stores.totals.key.serde", "string");
    entries.put("stores.totals.msg.serde", "long");
    return entries;
  }

  private List<ConfigProblem> problemsWith(String key, String value) {
    Map<String, String> entries = valid();
    if (value == null) {
      entries.remove(key);
    } else {
      entries.put(key, value);
    }
    return validator.problems(new Config(entries, SOURCE));
  }

  private static ConfigProblem only(List<ConfigProblem> problems) {
    assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
    ConfigProblem problem = problems.get(0);
    assertEquals(SOURCE, problem.source());
    return problem;
  }

  private static void assertMentions(ConfigProblem problem, String key, String... words) {
    assertEquals(key, problem.key(), problem::toString);
    for (String word : words) {
      assertTrue(problem.problem().contains(word), () -> "'" + word + "' not in: " + problem);
    }
  }

  @Test
  void fiveMistakesInAFileComeBackAsOneExceptionNamingEachKeyAndTheFile() throws Exception {
    Path file = resource("five-mistakes.properties");
    Config config = new ConfigLoader(name -> null).load(file);

    ConfigException e = assertThrows(ConfigException.class, () -> validator.validate(config));

    assertEquals(5, e.problems().size(), e::getMessage);
    Set<String> keys = e.problems().stream().map(ConfigProblem::key).collect(Collectors.toSet());
    assertEquals(Set.of("task.class", "task.commit.ms", "task.inputs", "systems.kafka.samza.msg.serde",
        "serializers.registry.stats-json.class"), keys);
    for (ConfigProblem problem : e.problems()) {
      assertEquals(file.toString(), problem.source());
      assertTrue(e.getMessage().contains(problem.toString()), "message lists " + problem);
    }
    assertEquals(6, e.getMessage().lines().count(), "a header line and one line per problem");
  }

  @Test
  void aCompleteFileIsValid() throws Exception {
    Config config = new ConfigLoader(name -> null).load(resource("valid.properties"));
    assertEquals(List.of(), validator.problems(config));
  }

  @Test
  void missingRequiredKeysAreEachReported() {
    Map<String, String> entries = valid();
    entries.remove("job.name");
    entries.remove("task.class");
    entries.remove("task.inputs");
    List<ConfigProblem> problems = validator.problems(new Config(entries, SOURCE));
    assertEquals(List.of("job.name", "task.class", "task.inputs"),
        problems.stream().map(ConfigProblem::key).collect(Collectors.toList()));
    problems.forEach(p -> assertTrue(p.problem().contains("required"), p::toString));
  }

  @Test
  void malformedNumberIsReported() {
    assertMentions(only(problemsWith("job.container.count", "two")), "job.container.count", "whole number", "'two'");
  }

  @Test
  void numberBelowItsMinimumIsReported() {
    assertMentions(only(problemsWith("task.max.concurrency", "0")), "task.max.concurrency", "at least 1");
  }

  @Test
  void containerRocksDbMemoryBelowItsFloorIsReportedBeforeTheContainerStarts() {
    assertMentions(only(problemsWith("strand.container.rocksdb.memory.bytes", "4096")),
        "strand.container.rocksdb.memory.bytes", "at least 1048576");
  }

  @Test
  void malformedBooleanIsReported() {
    assertMentions(only(problemsWith("task.drop.deserialization.errors", "yes")),
        "task.drop.deserialization.errors", "true or false", "'yes'");
  }

  @Test
  void malformedDurationIsReported() {
    assertMentions(only(problemsWith("task.window.ms", "10 minutes")), "task.window.ms", "duration");
  }

  @Test
  void malformedEnumIsReported() {
    assertMentions(only(problemsWith("task.delivery.guarantee", "twice")), "task.delivery.guarantee",
        "at-least-once or exactly-once");
  }

  @Test
  void malformedRecoveryPoliciesAreReported() {
    assertMentions(only(problemsWith("strand.checkpoint.missing", "skip")), "strand.checkpoint.missing",
        "fail or offset-default");
    assertMentions(only(problemsWith("stores.totals.changelog.recover", "remote")), "stores.totals.changelog.recover",
        "fail or local");
    assertEquals(List.of(), problemsWith("stores.totals.changelog.recover", "LOCAL"));
    assertEquals(List.of(), problemsWith("strand.checkpoint.missing", "offset-default"));
  }

  @Test
  void malformedPerStoreValuesAreReported() {
    Map<String, String> entries = valid();
    entries.put("stores.totals.write.batch.size", "lots");
    entries.put("stores.totals.rocksdb.ttl.ms", "forever");
    entries.put("stores.totals.changelog.replication.factor", "0");
    List<ConfigProblem> problems = validator.problems(new Config(entries, SOURCE));
    assertEquals(Set.of("stores.totals.write.batch.size", "stores.totals.rocksdb.ttl.ms",
        "stores.totals.changelog.replication.factor"),
        problems.stream().map(ConfigProblem::key).collect(Collectors.toSet()));
  }

  @Test
  void malformedPerSystemAndPerStreamValuesAreReported() {
    Map<String, String> entries = valid();
    entries.put("systems.kafka.samza.offset.default", "newest");
    entries.put("systems.kafka.streams.orders.samza.bootstrap", "maybe");
    entries.put("systems.kafka.streams.orders.samza.priority", "high");
    List<ConfigProblem> problems = validator.problems(new Config(entries, SOURCE));
    // The stream inherits the system's bad offset default; it is still reported once.
    assertEquals(List.of("systems.kafka.samza.offset.default", "systems.kafka.streams.orders.samza.bootstrap",
        "systems.kafka.streams.orders.samza.priority"),
        problems.stream().map(ConfigProblem::key).collect(Collectors.toList()));
  }

  @Test
  void malformedClusterManagerValueIsReported() {
    assertMentions(only(problemsWith("cluster-manager.container.retry.window.ms", "often")),
        "cluster-manager.container.retry.window.ms", "duration");
  }

  @Test
  void taskClassNotFoundIsReported() {
    assertMentions(only(problemsWith("task.class", "com.example.Missing")), "task.class",
        "com.example.Missing", "not found", ConfigValidator.STREAM_TASK);
  }

  @Test
  void taskClassNotImplementingATaskInterfaceIsReported() {
    assertMentions(only(problemsWith("task.class", "io.strand.config.validate.fixtures.NotATask")), "task.class",
        "does not implement", ConfigValidator.STREAM_TASK, ConfigValidator.ASYNC_STREAM_TASK);
  }

  @Test
  void abstractTaskClassIsReported() {
    assertMentions(only(problemsWith("task.class", "io.strand.config.validate.fixtures.AbstractTask")), "task.class",
        "abstract");
  }

  @Test
  void asyncTaskClassIsAccepted() {
    assertEquals(List.of(), problemsWith("task.class", "io.strand.config.validate.fixtures.GoodAsyncTask"));
  }

  @Test
  void serdeFactoryNotImplementingSerdeFactoryIsReported() {
    assertMentions(only(problemsWith("serializers.registry.mine.class", "io.strand.config.validate.fixtures.NotATask")),
        "serializers.registry.mine.class", "does not implement", ConfigValidator.SERDE_FACTORY);
  }

  @Test
  void withoutTheInterfacesOnTheClassPathOnlyExistenceIsChecked() {
    ClassLoader hiding = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(ConfigValidator.STREAM_TASK) || name.equals(ConfigValidator.ASYNC_STREAM_TASK)
            || name.equals(ConfigValidator.SERDE_FACTORY)) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    ConfigValidator blind = new ConfigValidator(hiding);
    Map<String, String> entries = valid();
    entries.put("task.class", "io.strand.config.validate.fixtures.NotATask");
    entries.put("serializers.registry.mine.class", "com.example.MissingFactory");
    List<ConfigProblem> problems = blind.problems(new Config(entries, SOURCE));
    assertMentions(only(problems), "serializers.registry.mine.class", "not found");
  }

  @Test
  void inputNotInSystemStreamFormIsReportedPerItem() {
    ConfigProblem problem = only(problemsWith("task.inputs", "kafka.orders, orders"));
    assertMentions(problem, "task.inputs", "system.stream", "'orders'");
    List<ConfigProblem> both = problemsWith("task.inputs", "kafka.orders, orders, .x");
    assertEquals(2, both.size(), both::toString);
    assertTrue(both.get(1).problem().contains("'.x'"), both::toString);
  }

  @Test
  void broadcastInputFormsAreChecked() {
    assertEquals(List.of(), problemsWith("task.broadcast.inputs", "kafka.rules#0, kafka.limits#[0-3]"));
    assertMentions(only(problemsWith("task.broadcast.inputs", "kafka.rules#[3-0]")), "task.broadcast.inputs",
        "system.stream#n");
    assertMentions(only(problemsWith("task.broadcast.inputs", "kafka.rules")), "task.broadcast.inputs",
        "system.stream#n");
  }

  @Test
  void changelogNotInSystemStreamFormIsReported() {
    assertMentions(only(problemsWith("stores.totals.changelog", ".totals-changelog")), "stores.totals.changelog",
        "system.stream");
  }

  @Test
  void changelogNamingOnlyASystemIsAccepted() {
    assertEquals(List.of(), problemsWith("stores.totals.changelog", "kafka"));
    assertMentions(only(problemsWith("stores.totals.changelog", "kafak")), "stores.totals.changelog", "kafak");
  }

  @Test
  void streamOfAnUnconfiguredSystemIsReported() {
    assertMentions(only(problemsWith("task.inputs", "kafak.orders")), "task.inputs", "kafak", "kafka");
  }

  @Test
  void unregisteredSerdeIsReportedWhereverItIsNamed() {
    Map<String, String> entries = valid();
    entries.put("systems.kafka.samza.key.serde", "nope1");
    entries.put("systems.kafka.streams.orders.samza.msg.serde", "nope2");
    entries.put("stores.totals.msg.serde", "nope3");
    List<ConfigProblem> problems = validator.problems(new Config(entries, SOURCE));
    assertEquals(List.of("systems.kafka.samza.key.serde", "systems.kafka.streams.orders.samza.msg.serde",
        "stores.totals.msg.serde"), problems.stream().map(ConfigProblem::key).collect(Collectors.toList()));
    problems.forEach(p -> assertTrue(p.problem().contains("not registered"), p::toString));
  }

  @Test
  void registeredSerdeIsAccepted() {
    Map<String, String> entries = valid();
    entries.put("serializers.registry.totals-json.class", "io.strand.config.validate.fixtures.GoodSerdeFactory");
    entries.put("stores.totals.msg.serde", "totals-json");
    assertEquals(List.of(), validator.problems(new Config(entries, SOURCE)));
  }

  @Test
  void storeWithoutSerdesIsReported() {
    Map<String, String> entries = valid();
    entries.remove("stores.totals.key.serde");
    entries.remove("stores.totals.msg.serde");
    entries.put("stores.totals.factory", "io.strand.kv.RocksDbStoreFactory");
    List<ConfigProblem> problems = validator.problems(new Config(entries, SOURCE));
    assertEquals(List.of("stores.totals.key.serde", "stores.totals.msg.serde"),
        problems.stream().map(ConfigProblem::key).collect(Collectors.toList()));
    problems.forEach(p -> assertTrue(p.problem().contains("required for store 'totals'"), p::toString));
  }

  @Test
  void problemFromAnOverrideNamesTheOverride() {
    Config config = new Config(valid(), SOURCE).withOverrides(Map.of("task.commit.ms", "x"), "--config override");
    ConfigProblem problem = validator.problems(config).get(0);
    assertEquals("--config override", problem.source());
  }

  @Test
  void addedChecksReportWithTheOthersAndTheirWarningsAreKeptApart() {
    ConfigCheck check = (config, report) -> {
      report.problem(new ConfigProblem("systems.kafka.producer.acks", config.sourceOf("systems.kafka.producer.acks"),
          "rejected"));
      report.warning(new ConfigProblem("systems.kafka.producer.typo", SOURCE, "unknown"));
    };
    ConfigCheck throwing = (config, report) -> {
      throw config.problem("stores.totals.rocksdb.compression", "expected lz4");
    };
    ConfigValidator withChecks = new ConfigValidator(null, List.of(check, throwing));
    Map<String, String> entries = valid();
    entries.put("task.commit.ms", "soon");
    Config config = new Config(entries, SOURCE);

    assertEquals(List.of("task.commit.ms", "systems.kafka.producer.acks", "stores.totals.rocksdb.compression"),
        withChecks.problems(config).stream().map(ConfigProblem::key).toList());
    assertEquals(List.of("systems.kafka.producer.typo"),
        withChecks.warnings(config).stream().map(ConfigProblem::key).toList());
    ConfigException e = assertThrows(ConfigException.class, () -> withChecks.validate(config));
    assertEquals(3, e.problems().size(), e::getMessage);
  }
}
