package io.strand.config.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stream-level keys for streams the job reads, writes or neither (ConfigValidator's stream check). */
class StreamKeyCheckTest {

  private static final String SOURCE = "flights.properties";
  private final ConfigValidator validator = new ConfigValidator();

  /** A valid job reading kafka.flights and broadcast kafka.airports. */
  private static Map<String, String> job(String... extra) {
    Map<String, String> entries = new HashMap<>();
    entries.put("job.name", "flights");
    entries.put("task.class", "io.strand.config.validate.fixtures.GoodTask");
    entries.put("task.inputs", "kafka.flights");
    entries.put("task.broadcast.inputs", "kafka.airports#0");
    entries.put("systems.kafka.consumer.bootstrap.servers", "localhost:9092");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      entries.put(extra[i], extra[i + 1]);
    }
    return entries;
  }

  private List<ConfigProblem> problems(Map<String, String> entries) {
    return validator.problems(new Config(entries, SOURCE));
  }

  private List<ConfigProblem> warnings(Map<String, String> entries) {
    return validator.warnings(new Config(entries, SOURCE));
  }

  private static ConfigProblem only(List<ConfigProblem> found) {
    assertEquals(1, found.size(), () -> "expected one, got " + found);
    assertEquals(SOURCE, found.get(0).source());
    return found.get(0);
  }

  private static void assertMentions(ConfigProblem problem, String key, String... words) {
    assertEquals(key, problem.key(), problem::toString);
    for (String word : words) {
      assertTrue(problem.problem().contains(word), () -> "'" + word + "' not in: " + problem);
    }
  }

  @Test
  void boundedFlagLeftOnARenamedStreamIsAnErrorNamingKeyFileAndTheJobsInputs() {
    // task.inputs was renamed from kafka.flights-2001 to kafka.flights; the bounded flag was not.
    Map<String, String> entries = job("systems.kafka.streams.flights-2001.strand.bounded", "true");

    ConfigException e = assertThrows(ConfigException.class, () -> validator.validate(new Config(entries, SOURCE)));

    ConfigProblem problem = only(e.problems());
    assertMentions(problem, "systems.kafka.streams.flights-2001.strand.bounded", "'kafka.flights-2001'",
        "does not read", "inputs only", "kafka.airports, kafka.flights");
    assertTrue(e.getMessage().contains(SOURCE), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"samza.offset.default", "samza.reset.offset", "samza.bootstrap", "samza.priority",
      "strand.bounded"})
  void everyInputOnlySettingOnAStreamTheJobDoesNotReadIsAnError(String setting) {
    String value = setting.equals("samza.offset.default") ? "oldest" : setting.equals("samza.priority") ? "1" : "true";
    String key = "systems.kafka.streams.flight.delays." + setting;

    assertMentions(only(problems(job(key, value))), key, "'kafka.flight.delays'", setting);
  }

  @ParameterizedTest
  @ValueSource(strings = {"flights", "airports"})
  void inputOnlySettingsOnInputsAndBroadcastInputsAreAccepted(String stream) {
    Map<String, String> entries = job(
        "systems.kafka.streams." + stream + ".strand.bounded", "true",
        "systems.kafka.streams." + stream + ".samza.bootstrap", "true",
        "systems.kafka.streams." + stream + ".samza.offset.default", "oldest",
        "systems.kafka.streams." + stream + ".samza.msg.serde", "string");

    assertEquals(List.of(), problems(entries));
    assertEquals(List.of(), warnings(entries));
  }

  @Test
  void streamNamesWithDotsAreMatchedWhole() {
    Map<String, String> entries = job("task.inputs", "kafka.metrics.v2",
        "systems.kafka.streams.metrics.v2.strand.bounded", "true");
    assertEquals(List.of(), problems(entries));

    entries.put("systems.kafka.streams.metrics.strand.bounded", "true");
    assertMentions(only(problems(entries)), "systems.kafka.streams.metrics.strand.bounded", "'kafka.metrics'");
  }

  @Test
  void settingsOfAStreamTheJobMayWriteAreAcceptedQuietly() {
    // Outputs are not declared in a Samza job: serdes and topic settings of an unread stream are an output's.
    Map<String, String> entries = job(
        "systems.kafka.streams.delays-by-airport.samza.msg.serde", "string",
        "systems.kafka.streams.delays-by-airport.partitions", "8",
        "systems.kafka.streams.delays-by-airport.replication.factor", "1",
        "systems.kafka.streams.delays-by-airport.cleanup.policy", "compact",
        "systems.kafka.default.stream.retention.ms", "86400000",
        "systems.kafka.default.stream.partitions", "4",
        "strand.outputs.create", "false");

    assertEquals(List.of(), problems(entries));
    assertEquals(List.of(), warnings(entries));
  }

  @Test
  void topicSettingsOnAnInputAreAWarningBecauseStrandNeverCreatesInputs() {
    Map<String, String> entries = job("systems.kafka.streams.flights.partitions", "8",
        "systems.kafka.streams.flights.retention.ms", "1000");

    assertEquals(List.of(), problems(entries));
    List<ConfigProblem> warnings = warnings(entries);
    assertEquals(2, warnings.size(), warnings::toString);
    assertMentions(warnings.get(0), "systems.kafka.streams.flights.partitions", "ignored", "'kafka.flights'",
        "input");
    assertMentions(warnings.get(1), "systems.kafka.streams.flights.retention.ms", "ignored");
    assertDoesNotThrow(() -> validator.validate(new Config(entries, SOURCE)));
  }

  @Test
  void samzaSettingsUnderDefaultStreamAreAWarningNamingTheKeyStrandReads() {
    Map<String, String> entries = job("systems.kafka.default.stream.samza.offset.default", "oldest");

    assertEquals(List.of(), problems(entries));
    assertMentions(only(warnings(entries)), "systems.kafka.default.stream.samza.offset.default", "ignored",
        "systems.kafka.samza.offset.default");
  }

  @Test
  void unknownStrandStreamSettingIsAnError() {
    String key = "systems.kafka.streams.flights.strand.bonded";
    assertMentions(only(problems(job(key, "true"))), key, "unknown", "strand.bounded");
  }

  @Test
  void malformedValuesAreReportedWithTheirKeys() {
    Map<String, String> entries = job(
        "systems.kafka.streams.flights.strand.bounded", "yes please",
        "systems.kafka.streams.out.partitions", "0",
        "systems.kafka.streams.out.replication.factor", "40000",
        "systems.kafka.default.stream.partitions", "many",
        "strand.outputs.create", "sometimes");

    List<String> keys = problems(entries).stream().map(ConfigProblem::key).sorted().toList();

    assertEquals(List.of("strand.outputs.create", "systems.kafka.default.stream.partitions",
        "systems.kafka.streams.flights.strand.bounded", "systems.kafka.streams.out.partitions",
        "systems.kafka.streams.out.replication.factor"), keys);
  }

  @Test
  void brokenInputsAreReportedOnceWithoutFlaggingEveryStream() {
    Map<String, String> entries = job("task.inputs", "flights",
        "systems.kafka.streams.flights.strand.bounded", "true");

    assertMentions(only(problems(entries)), "task.inputs", "system.stream");
  }
}
