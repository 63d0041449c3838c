package io.strand.container.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.changelog.StorageSettings;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.validate.ConfigCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A container-wide store ({@code stores.<s>.scope=container}) is refused, naming the key, with a
 * changelog or a task thread pool: by the validator and again when the container builds its storage.
 */
class ContainerWideStoreConfigTest {

  private static Map<String, String> job() {
    Map<String, String> m = new HashMap<>();
    m.put("job.name", "wide");
    m.put("systems.kafka.producer.bootstrap.servers", "localhost:9092");
    m.put("stores.table.factory", "io.strand.kv.InMemoryStoreFactory");
    m.put("stores.table.key.serde", "string");
    m.put("stores.table.msg.serde", "string");
    m.put("stores.table.scope", "container");
    return m;
  }

  private static List<ConfigProblem> problems(Map<String, String> m) {
    List<ConfigProblem> problems = new ArrayList<>();
    new StoreConfigCheck(false).check(Config.of(m), new ConfigCheck.Report() {
      @Override
      public void problem(ConfigProblem problem) {
        problems.add(problem);
      }

      @Override
      public void warning(ConfigProblem warning) {
      }
    });
    return problems;
  }

  @Test
  void aThreadPoolIsRefusedByTheValidatorAndTheStorage() {
    Map<String, String> m = job();
    assertEquals(List.of(), problems(m), "run loop thread only: fine");
    m.put("job.container.thread.pool.size", "2");
    List<ConfigProblem> problems = problems(m);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals("stores.table.scope", problems.get(0).key());
    assertTrue(problems.get(0).problem().contains("job.container.thread.pool.size=2"), problems.toString());
    Config config = Config.of(m);
    ConfigException e = assertThrows(ConfigException.class,
        () -> ContainerStorageAdapter.checkContainerWide(config, StorageSettings.fromConfig(config, "wide", "1")));
    assertTrue(e.getMessage().contains("stores.table.scope"), e.getMessage());
  }

  @Test
  void exactlyOnceIsRefusedWhenTheStorageIsBuilt() {
    Map<String, String> m = job();
    m.put("task.delivery.guarantee", "exactly-once");
    ConfigException e = assertThrows(ConfigException.class, () -> StorageSettings.fromConfig(Config.of(m), "wide", "1"));
    assertTrue(e.getMessage().contains("stores.table.scope") && e.getMessage().contains("exactly-once"),
        e.getMessage());
  }

  @Test
  void aChangelogIsRefusedByTheValidator() {
    Map<String, String> m = job();
    m.put("stores.table.changelog", "kafka.wide-table");
    List<ConfigProblem> problems = problems(m);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).problem().contains("changelog"), problems.toString());
  }
}
