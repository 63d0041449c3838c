package io.strand.container.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;
import io.strand.container.validate.ValidationProblems;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** strand.query.http.* and the stores' query keys, through whole-job validation. */
class QueryCheckTest {

  private static Map<String, String> job() {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "q");
    m.put("task.class", "io.strand.container.testjobs.CountingTask");
    m.put("task.inputs", "kafka.in");
    m.put("systems.kafka.samza.factory", "io.strand.system.kafka.KafkaSystemFactory");
    m.put("systems.kafka.consumer.bootstrap.servers", "localhost:9092");
    m.put("systems.kafka.producer.bootstrap.servers", "localhost:9092");
    m.put("stores.counts.factory", "io.strand.kv.InMemoryStoreFactory");
    m.put("stores.counts.key.serde", "string");
    m.put("stores.counts.msg.serde", "string");
    return m;
  }

  private static List<ConfigProblem> problems(Map<String, String> m) {
    return ValidationProblems.of(m, "job.properties").stream()
        .filter(p -> p.key().startsWith("strand.query") || p.key().contains(".query.")).toList();
  }

  @Test
  void offUnlessThePortIsSet() {
    assertEquals(QuerySettings.OFF, QuerySettings.fromConfig(Config.of(job())));
    Map<String, String> m = job();
    m.put(QuerySettings.PORT, "-1");
    assertFalse(QuerySettings.fromConfig(Config.of(m)).enabled());
    m.put(QuerySettings.PORT, "0");
    m.put(QuerySettings.HOST, " 127.0.0.1 ");
    QuerySettings on = QuerySettings.fromConfig(Config.of(m));
    assertEquals(OptionalInt.of(0), on.port());
    assertEquals("127.0.0.1", on.host().orElseThrow());
    assertEquals(List.of(), problems(m));
  }

  @Test
  void aPortThatIsNotOneIsNamed() {
    for (String bad : new String[] {"http", "70000", "-2"}) {
      Map<String, String> m = job();
      m.put(QuerySettings.PORT, bad);
      ConfigProblem p = ValidationProblems.on(problems(m), QuerySettings.PORT);
      assertTrue(p.problem().contains("'" + bad + "'"), p.problem());
    }
  }

  @Test
  void aFixedPortIsRefusedForSeveralContainersInOneJvm() {
    Map<String, String> m = job();
    m.put(QuerySettings.PORT, "8123");
    m.put("job.container.count", "2");
    ConfigProblem p = ValidationProblems.on(problems(m), QuerySettings.PORT);
    assertTrue(p.problem().contains("set 0"), p.problem());
    m.put("job.factory.class", "io.strand.container.runner.ProcessJobFactory");
    assertEquals(List.of(), problems(m), "one container per process");
    m.put("job.container.count", "1");
    m.remove("job.factory.class");
    assertEquals(List.of(), problems(m));
  }

  @Test
  void aStoreThatCannotBeQueriedIsNamedWhenQueriesAreOn() {
    Map<String, String> m = job();
    m.put("stores.counts.query.layout", "java.lang.String");
    m.put("stores.counts.query.msg.serde", "no-such-serde");
    assertEquals(List.of(), problems(m), "queries off: nothing to check");
    m.put(QuerySettings.PORT, "0");
    List<ConfigProblem> found = problems(m);
    assertFalse(found.isEmpty(), "a layout class that is not a StoreLayout, an unknown serde");
    assertTrue(found.stream().anyMatch(p -> p.key().equals("stores.counts.query.layout")
        || p.key().equals("stores.counts.query.msg.serde")), found.toString());
  }
}
