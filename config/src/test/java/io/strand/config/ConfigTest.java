package io.strand.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfigTest {

  private static Config config(String key, String value) {
    return new Config(Map.of(key, value), "job.properties");
  }

  @ParameterizedTest
  @CsvSource({
      "5000, 5000",
      "-1, -1",
      "250ms, 250",
      "250 ms, 250",
      "5s, 5000",
      "5S, 5000",
      "2m, 120000",
      "1h, 3600000",
      "1d, 86400000",
      "PT5S, 5000",
      "PT1M30S, 90000",
      "pt0.5s, 500",
  })
  void acceptsEveryDurationForm(String text, long expectedMs) {
    assertEquals(expectedMs, config("task.commit.ms", text).getDurationMs("task.commit.ms", 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "5 minutes", "1.5s", "PT", "ms", "5x", "99999999999999999999d"})
  void rejectsWhatIsNotADuration(String text) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> config("task.commit.ms", text).getDurationMs("task.commit.ms", 1));
    ConfigProblem problem = e.problems().get(0);
    assertEquals("task.commit.ms", problem.key());
    assertEquals("job.properties", problem.source());
    assertTrue(problem.problem().contains("duration"), problem::toString);
  }

  @Test
  void defaultIsUsedOnlyWhenAbsent() {
    Config empty = Config.of(Map.of());
    assertEquals(7, empty.getInt("a", 7));
    assertEquals(7L, empty.getDurationMs("a", 7));
    assertTrue(empty.getBoolean("a", true));
    assertThrows(ConfigException.class, () -> config("a", "seven").getInt("a", 7));
  }

  @Test
  void typedGettersParseAndNameTheKeyWhenTheyCannot() {
    assertEquals(42, config("n", " 42 ").getInt("n", 0));
    assertEquals(1L << 40, config("n", String.valueOf(1L << 40)).getLong("n", 0));
    assertEquals(0.5, config("n", "0.5").getDouble("n", 0));
    assertTrue(config("b", "TRUE").getBoolean("b", false));
    ConfigException e = assertThrows(ConfigException.class, () -> config("n", "3000000000").getInt("n", 0));
    assertEquals("n", e.problems().get(0).key());
    assertTrue(e.getMessage().contains("'3000000000'"), e::getMessage);
  }

  @Test
  void getRequiredRejectsAbsentAndBlank() {
    assertEquals("x", config("job.name", " x ").getRequired("job.name"));
    assertThrows(ConfigException.class, () -> config("job.name", "  ").getRequired("job.name"));
    ConfigException e = assertThrows(ConfigException.class, () -> Config.of(Map.of()).getRequired("job.name"));
    assertTrue(e.getMessage().contains("key 'job.name' in <in-memory config>: required key is missing"), e::getMessage);
  }

  @Test
  void getListTrimsAndDropsEmptyItems() {
    assertEquals(List.of("a.b", "c.d"), config("l", " a.b ,, c.d ,").getList("l"));
    assertEquals(List.of(), Config.of(Map.of()).getList("l"));
  }

  @Test
  void subsetStripsThePrefixAndKeepsTheSource() {
    Config config = new Config(Map.of(
        "systems.kafka.producer.acks", "all",
        "systems.kafka.producer.linger.ms", "5",
        "systems.kafka.producerx", "not in subset",
        "systems.kafka.consumer.group.id", "g"), "job.properties");
    Config producer = config.subset("systems.kafka.producer.");
    assertEquals(Map.of("acks", "all", "linger.ms", "5"), producer.asMap());
    assertEquals("job.properties", producer.source());
    assertTrue(config.subset("nothing.").asMap().isEmpty());
  }

  @Test
  void overridesReplaceValuesAndRememberWhereTheyCameFrom() {
    Config base = new Config(Map.of("a", "1", "b", "2"), "job.properties");
    Config merged = base.withOverrides(Map.of("b", "3", "c", "4"), "--config override");
    assertEquals(Map.of("a", "1", "b", "3", "c", "4"), merged.asMap());
    assertEquals("job.properties", merged.source());
    assertEquals("job.properties", merged.sourceOf("a"));
    assertEquals("--config override", merged.sourceOf("b"));
    assertEquals("--config override", merged.subset("").sourceOf("c"));
    assertEquals("--config override", merged.problem("b", "bad").problems().get(0).source());
    assertEquals("job.properties", base.withOverrides(Map.of("a", "9")).sourceOf("a"));
  }

  @Test
  void getClassChecksTheExpectedType() {
    assertEquals(String.class, config("c", "java.lang.String").getClass("c", CharSequence.class).orElseThrow());
    assertThrows(ConfigException.class, () -> config("c", "java.lang.Integer").getClass("c", CharSequence.class));
    assertThrows(ConfigException.class, () -> config("c", "no.such.Thing").getClass("c", Object.class));
    assertFalse(Config.of(Map.of()).getClass("c", Object.class).isPresent());
  }

  @Test
  void fileLevelProblemRendersWithoutAKey() {
    assertEquals("/etc/job.properties: not found", new ConfigProblem("", "/etc/job.properties", "not found").toString());
  }
}
