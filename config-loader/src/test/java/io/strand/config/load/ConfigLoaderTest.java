package io.strand.config.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private final Map<String, String> env = Map.of(
      "KAFKA_HOST", "broker-1:9092",
      "EMPTY", "",
      "JOB_SUFFIX", "eu");
  private final ConfigLoader loader = new ConfigLoader(env::get);

  private Path write(String... lines) throws IOException {
    Path file = dir.resolve("job.properties");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void loadsAPropertiesFileWithTheFileAsSource() throws IOException {
    Path file = write("# comment", "job.name = orders", "task.inputs=kafka.orders", "text=caf\u00e9");
    Config config = loader.load(file);
    assertEquals(Map.of("job.name", "orders", "task.inputs", "kafka.orders", "text", "caf\u00e9"), config.asMap());
    assertEquals(file.toString(), config.source());
  }

  @Test
  void overridesWinAndAreNamedAsTheirSource() throws IOException {
    Path file = write("job.name=orders", "task.commit.ms=60000");
    Config config = loader.load(file, List.of("task.commit.ms=5000", "task.opts=-Da=b=c", " job.id =2"));
    assertEquals("5000", config.get("task.commit.ms").orElseThrow());
    assertEquals("-Da=b=c", config.get("task.opts").orElseThrow(), "value keeps later '='");
    assertEquals("2", config.get("job.id").orElseThrow());
    assertEquals(ConfigLoader.OVERRIDE_SOURCE, config.sourceOf("task.commit.ms"));
    assertEquals(file.toString(), config.sourceOf("job.name"));
  }

  @Test
  void laterOverrideOfTheSameKeyWins() throws IOException {
    Config config = loader.load(write("a=1"), List.of("a=2", "a=3"));
    assertEquals("3", config.get("a").orElseThrow());
  }

  @Test
  void malformedOverridesAreAllReported() throws IOException {
    Path file = write("job.name=orders");
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load(file, List.of("task.commit.ms", "=secret-value", "ok=1")));
    assertEquals(2, e.problems().size(), e::getMessage);
    ConfigProblem noEquals = e.problems().get(0);
    assertEquals("task.commit.ms", noEquals.key());
    assertEquals(ConfigLoader.OVERRIDE_SOURCE, noEquals.source());
    assertTrue(noEquals.problem().contains("key=value"), noEquals::toString);
    assertTrue(!e.getMessage().contains("secret-value"), "the value of a key-less override is not echoed");
  }

  @Test
  void substitutesVariablesInFileAndOverrideValues() throws IOException {
    Path file = write(
        "systems.kafka.consumer.bootstrap.servers=${KAFKA_HOST}",
        "job.name=orders-${JOB_SUFFIX}-${JOB_SUFFIX}",
        "price=$5 and $${LITERAL}",
        "job.id=${JOB_ID:-7}",
        "empty=${EMPTY}",
        "emptyWithDefault=${EMPTY:-fallback}",
        "defaultWithColon=${NOPE:-http://x:1}");
    Config config = loader.load(file, List.of("task.opts=-Dhost=${KAFKA_HOST}"));
    assertEquals("broker-1:9092", config.get("systems.kafka.consumer.bootstrap.servers").orElseThrow());
    assertEquals("orders-eu-eu", config.get("job.name").orElseThrow());
    assertEquals("$5 and ${LITERAL}", config.get("price").orElseThrow());
    assertEquals("7", config.get("job.id").orElseThrow());
    assertEquals("", config.get("empty").orElseThrow());
    assertEquals("fallback", config.get("emptyWithDefault").orElseThrow());
    assertEquals("http://x:1", config.get("defaultWithColon").orElseThrow());
    assertEquals("-Dhost=broker-1:9092", config.get("task.opts").orElseThrow());
    assertEquals(ConfigLoader.OVERRIDE_SOURCE, config.sourceOf("task.opts"), "substitution keeps provenance");
  }

  @Test
  void unsetVariablesWithoutDefaultAreAllReportedWithKeyAndVariable() throws IOException {
    Path file = write("a=${MISSING_ONE}", "b=ok", "c=x-${MISSING_TWO}-y");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
    assertEquals(2, e.problems().size(), e::getMessage);
    ConfigProblem first = e.problems().get(0);
    assertEquals("a", first.key());
    assertEquals(file.toString(), first.source());
    assertTrue(first.problem().contains("MISSING_ONE"), first::toString);
    assertEquals("c", e.problems().get(1).key());
    assertTrue(e.problems().get(1).problem().contains("MISSING_TWO"));
  }

  @Test
  void malformedReferencesAreReported() throws IOException {
    Path file = write("a=${not a name}", "b=${UNTERMINATED");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
    assertEquals(List.of("a", "b"), e.problems().stream().map(ConfigProblem::key).toList());
    assertTrue(e.problems().get(1).problem().contains("unterminated"));
  }

  @Test
  void missingFileIsAClearProblemNamingTheFile() {
    Path missing = dir.resolve("nope.properties");
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(missing, List.of("bad")));
    ConfigProblem problem = e.problems().get(0);
    assertEquals(missing.toString(), problem.source());
    assertTrue(problem.problem().contains("not found"), problem::toString);
    assertTrue(e.getMessage().contains(missing.toString()), e::getMessage);
    assertEquals(2, e.problems().size(), "override problems are reported with it");
  }

  @Test
  void directoryInsteadOfFileIsAProblem() {
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(dir));
    assertTrue(e.getMessage().contains(dir.toString()), e::getMessage);
  }

  @Test
  void nonUtf8FileIsAProblemNamingTheFile() throws IOException {
    Path file = dir.resolve("latin1.properties");
    Files.write(file, new byte[] {'a', '=', (byte) 0xE9, '\n'});
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
    assertEquals(file.toString(), e.problems().get(0).source());
    assertTrue(e.getMessage().contains("UTF-8"), e::getMessage);
  }

  @Test
  void configFromOverridesAlone() {
    Config config = loader.fromOverrides(List.of("job.name=${JOB_SUFFIX}"));
    assertEquals("eu", config.get("job.name").orElseThrow());
    assertEquals(ConfigLoader.OVERRIDE_SOURCE, config.source());
  }
}
