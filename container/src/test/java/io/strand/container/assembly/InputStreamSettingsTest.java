package io.strand.container.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.view.OffsetDefault;
import io.strand.config.view.SystemConfig;
import io.strand.container.checkpoint.StreamStart;
import io.strand.system.SystemStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputStreamSettingsTest {

  private static final SystemStream PLAIN = new SystemStream("kafka", "plain");
  private static final SystemStream BOOT = new SystemStream("kafka", "boot");
  private static final SystemStream BOOT_KEEP = new SystemStream("kafka", "boot-keep");
  private static final SystemStream TX = new SystemStream("tx", "in");

  @Test
  void bootstrapStreamsStartOldestAndResetUnlessSetForThemAndOutrankEverything() {
    Config config = Config.of(Map.of(
        "systems.kafka.samza.offset.default", "upcoming",
        "systems.kafka.streams.plain.samza.priority", "3",
        "systems.kafka.streams.plain.strand.bounded", "true",
        "systems.kafka.streams.boot.samza.bootstrap", "true",
        "systems.kafka.streams.boot-keep.samza.bootstrap", "true",
        "systems.kafka.streams.boot-keep.samza.offset.default", "upcoming",
        "systems.kafka.streams.boot-keep.samza.reset.offset", "false",
        "systems.tx.consumer.isolation.level", "READ_COMMITTED"));
    Map<SystemStream, InputStreamSettings> s = InputStreamSettings.fromConfig(config,
        List.of(PLAIN, BOOT, BOOT_KEEP, TX));

    assertEquals(new InputStreamSettings(false, true, 3, new StreamStart(OffsetDefault.UPCOMING, false), false),
        s.get(PLAIN));
    assertEquals(new InputStreamSettings(true, false, Integer.MAX_VALUE, new StreamStart(OffsetDefault.OLDEST, true),
        false), s.get(BOOT));
    assertEquals(new StreamStart(OffsetDefault.UPCOMING, false), s.get(BOOT_KEEP).start());
    assertTrue(s.get(TX).readCommitted());
    assertFalse(s.get(TX).bootstrap());
    assertEquals(SystemConfig.DEFAULT_PRIORITY, s.get(TX).priority());
  }
}
