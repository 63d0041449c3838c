package io.strand.container.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.serdes.Serdes;
import io.strand.system.SystemStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SerdeSettingsTest {

  private static final Config CONFIG = Config.of(Map.of(
      "systems.kafka.samza.key.serde", "string",
      "systems.kafka.samza.msg.serde", "json",
      "systems.kafka.streams.counts.samza.msg.serde", "long",
      "systems.kafka.streams.raw.samza.key.serde", " ",
      "systems.kafka.streams.a.b.samza.key.serde", "integer",
      "systems.other.producer.bootstrap.servers", "localhost:9092"));

  @Test
  void aStreamsOwnSerdeWinsOverItsSystemsAndBlankMeansUnset() {
    SerdeSettings settings = SerdeSettings.fromConfig(CONFIG);
    SystemStream counts = new SystemStream("kafka", "counts");
    assertEquals(Optional.of("string"), settings.keySerde(counts));
    assertEquals(Optional.of("long"), settings.msgSerde(counts));
    SystemStream raw = new SystemStream("kafka", "raw");
    assertEquals(Optional.of("string"), settings.keySerde(raw));
    assertEquals(Optional.of("integer"), settings.keySerde(new SystemStream("kafka", "a.b")));
    assertEquals(Optional.of("json"), settings.msgSerde(new SystemStream("kafka", "never-configured")));
    assertEquals(Optional.empty(), settings.keySerde(new SystemStream("other", "x")));
    assertEquals(Optional.empty(), settings.msgSerde(new SystemStream("unknown", "x")));
  }

  @Test
  void streamSerdesMakeEachNamedSerdeOnceAndPassBytesThroughWithoutOne() {
    List<String> made = new ArrayList<>();
    StreamSerdes serdes = new StreamSerdes(SerdeSettings.fromConfig(CONFIG), name -> {
      made.add(name);
      return Serdes.fromConfig(name, CONFIG);
    });
    SerdePair a = serdes.forStream(new SystemStream("kafka", "a"));
    SerdePair b = serdes.forStream(new SystemStream("kafka", "b"));
    assertSame(a.keySerde(), b.keySerde());
    assertEquals(List.of("string", "json"), made);
    SerdePair none = serdes.forStream(new SystemStream("other", "x"));
    assertNull(none.keySerde());
    assertEquals(SerdePair.NO_SERDE, none.msgSerdeLabel());
  }

  @Test
  void anUnknownSerdeNameFailsWhenItsStreamIsFirstUsed() {
    Config config = Config.of(Map.of("systems.kafka.samza.msg.serde", "nope"));
    StreamSerdes serdes = new StreamSerdes(SerdeSettings.fromConfig(config), name -> Serdes.fromConfig(name, config));
    assertThrows(ConfigException.class, () -> serdes.forStream(new SystemStream("kafka", "t")));
  }
}
