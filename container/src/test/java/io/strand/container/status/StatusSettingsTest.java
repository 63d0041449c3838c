package io.strand.container.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code strand.status.http.port}: the runner's default when unset, a port, 0, -1 for none. */
class StatusSettingsTest {

  @Test
  void unsetTheRunnerDecides() {
    assertEquals(StatusSettings.OFF, StatusSettings.fromConfig(Config.of(Map.of()), false));
    assertEquals(OptionalInt.of(0), StatusSettings.fromConfig(Config.of(Map.of()), true).port());
  }

  @Test
  void aPortZeroOrMinusOne() {
    assertEquals(OptionalInt.of(4040), settings("4040", false).port());
    assertEquals(OptionalInt.of(0), settings("0", false).port());
    assertEquals(StatusSettings.OFF, settings("-1", true));
  }

  @Test
  void aBadValueNamesTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> settings("70000", true));
    assertTrue(e.getMessage().contains(StatusSettings.PORT) && e.getMessage().contains("70000"), e.getMessage());
    assertThrows(ConfigException.class, () -> settings("http", true));
  }

  private static StatusSettings settings(String port, boolean onByDefault) {
    return StatusSettings.fromConfig(Config.of(Map.of(StatusSettings.PORT, port)), onByDefault);
  }
}
