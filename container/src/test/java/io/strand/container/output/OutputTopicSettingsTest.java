package io.strand.container.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.container.output.OutputTopicSettings.TopicSpec;
import io.strand.system.SystemStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which keys shape a created output topic. */
class OutputTopicSettingsTest {

  private static OutputTopicSettings settings(String... pairs) {
    Map<String, String> m = new HashMap<>();
    m.put("task.inputs", "kafka.in,kafka.out.v2");
    m.put("task.broadcast.inputs", "kafka.rules#0");
    m.put("systems.kafka.producer.bootstrap.servers", "localhost:9092");
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return OutputTopicSettings.fromConfig(Config.of(m));
  }

  @Test
  void streamSettingsWinOverTheSystemDefaultsAndFrameworkKeysAreNotTopicConfigs() {
    OutputTopicSettings s = settings(
        "systems.kafka.default.stream.partitions", "4",
        "systems.kafka.default.stream.retention.ms", "1000",
        "systems.kafka.default.stream.samza.offset.default", "oldest",
        "systems.kafka.streams.out.partitions", "8",
        "systems.kafka.streams.out.retention.ms", "2000",
        "systems.kafka.streams.out.cleanup.policy", "compact",
        "systems.kafka.streams.out.samza.msg.serde", "string",
        "systems.kafka.streams.out.v2.strand.bounded", "true",
        "systems.kafka.streams.out.v2.segment.bytes", "1048576");

    TopicSpec out = s.specFor(new SystemStream("kafka", "out"));
    assertEquals(OptionalInt.of(8), out.partitions());
    assertEquals(OptionalInt.empty(), out.replicationFactor());
    // out.v2 is another stream (an input): its keys are not out's.
    assertEquals(Map.of("retention.ms", "2000", "cleanup.policy", "compact"), out.configs());
    assertTrue(out.keys().contains("systems.kafka.streams.out.partitions"), out.keys()::toString);

    TopicSpec other = s.specFor(new SystemStream("kafka", "other"));
    assertEquals(OptionalInt.of(4), other.partitions());
    assertEquals(Map.of("retention.ms", "1000"), other.configs());

    assertTrue(s.create());
    assertEquals(List.of(new SystemStream("kafka", "in"), new SystemStream("kafka", "out.v2"),
        new SystemStream("kafka", "rules")), s.inputs());
  }

  @Test
  void withoutSettingsNothingIsFixedAndCreationCanBeTurnedOff() {
    TopicSpec spec = settings("strand.outputs.create", "false").specFor(new SystemStream("kafka", "out"));
    assertEquals(OptionalInt.empty(), spec.partitions());
    assertEquals(Map.of(), spec.configs());
    assertFalse(settings("strand.outputs.create", "false").create());
  }

  @Test
  void malformedNumbersFailNamingTheKey() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> settings("systems.kafka.streams.out.replication.factor", "0"));
    assertEquals("systems.kafka.streams.out.replication.factor", e.problems().get(0).key());
  }
}
