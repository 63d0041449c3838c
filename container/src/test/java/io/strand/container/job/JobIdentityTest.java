package io.strand.container.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.coordinator.CoordinatorSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobIdentityTest {

  @Test
  void namesOnTheWire() {
    JobIdentity job = new JobIdentity("flights", "2");
    assertEquals("__strand-checkpoint-flights-2", job.checkpointTopic());
    assertEquals("__strand-coordinator-flights-2", job.coordinatorTopic());
    assertEquals("strand-flights-2", job.consumerGroup());
    assertEquals("flights-2-stats-changelog", job.defaultChangelogTopic("stats"));
    assertEquals("strand-flights-2-checkpoint-admin", job.clientId("checkpoint-admin"));
  }

  @Test
  void readFromConfigWithTheDefaultId() {
    assertEquals(new JobIdentity("flights", "1"), JobIdentity.fromConfig(Config.of(Map.of("job.name", "flights"))));
    ConfigException e = assertThrows(ConfigException.class,
        () -> JobIdentity.fromConfig(Config.of(Map.of("job.name", "a/b"))));
    assertTrue(e.getMessage().contains("job.name"), e.getMessage());
  }

  @Test
  void systemsDefaultToTheFirstInputsSystem() {
    Config config = Config.of(Map.of("job.name", "j", "task.inputs", "second.b, first.a"));
    assertEquals("second", CheckpointSettings.fromConfig(config).system());
    assertEquals("second", CoordinatorSettings.fromConfig(config).system());
    Config explicit = config.withOverrides(Map.of("task.checkpoint.system", "cp", "job.coordinator.system", "co"));
    assertEquals("cp", CheckpointSettings.fromConfig(explicit).system());
    assertEquals("co", CoordinatorSettings.fromConfig(explicit).system());
    assertEquals(new JobIdentity("j", "1"), CheckpointSettings.fromConfig(explicit).job());
  }

  @Test
  void noInputsAndNoSystemIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> JobTopicSystem.fromConfig(Config.of(Map.of()), CheckpointSettings.SYSTEM));
    assertTrue(e.getMessage().contains("task.checkpoint.system"), e.getMessage());
  }
}
