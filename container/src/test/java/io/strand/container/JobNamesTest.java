package io.strand.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobNamesTest {

  @Test
  void namesOnTheWire() {
    assertEquals("__strand-checkpoint-flights-2", JobNames.checkpointTopic("flights", "2"));
    assertEquals("__strand-coordinator-flights-2", JobNames.coordinatorTopic("flights", "2"));
    assertEquals("strand-flights-2", JobNames.consumerGroup("flights", "2"));
  }

  @Test
  void systemsDefaultToTheFirstInputsSystem() {
    Config config = Config.of(Map.of("task.inputs", "second.b, first.a"));
    assertEquals("second", JobNames.checkpointSystem(config));
    assertEquals("second", JobNames.coordinatorSystem(config));
    Config explicit = config.withOverrides(Map.of("task.checkpoint.system", "cp", "job.coordinator.system", "co"));
    assertEquals("cp", JobNames.checkpointSystem(explicit));
    assertEquals("co", JobNames.coordinatorSystem(explicit));
  }

  @Test
  void noInputsAndNoSystemIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> JobNames.checkpointSystem(Config.of(Map.of())));
    assertTrue(e.getMessage().contains("task.checkpoint.system"), e.getMessage());
  }
}
