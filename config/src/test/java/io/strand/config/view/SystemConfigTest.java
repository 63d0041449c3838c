package io.strand.config.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SystemConfigTest {

  private static final StreamName ORDERS = new StreamName("kafka", "orders");
  private static final StreamName RATES = new StreamName("kafka", "fx.rates");

  private final SystemConfig systems = new SystemConfig(Config.of(Map.ofEntries(
      Map.entry("systems.kafka.samza.key.serde", "string"),
      Map.entry("systems.kafka.samza.msg.serde", "json"),
      Map.entry("systems.kafka.samza.offset.default", "oldest"),
      Map.entry("systems.kafka.consumer.bootstrap.servers", "b:9092"),
      Map.entry("systems.kafka.consumer.ssl.key.password", "pw"),
      Map.entry("systems.kafka.producer.acks", "all"),
      Map.entry("systems.kafka.streams.fx.rates.samza.bootstrap", "true"),
      Map.entry("systems.kafka.streams.fx.rates.samza.reset.offset", "true"),
      Map.entry("systems.kafka.streams.fx.rates.samza.priority", "5"),
      Map.entry("systems.kafka.streams.fx.rates.samza.offset.default", "upcoming"),
      Map.entry("systems.kafka.streams.fx.rates.samza.msg.serde", "double"),
      Map.entry("systems.other.samza.factory", "x.Y"))));

  @Test
  void listsSystemsAndConfiguredStreams() {
    assertEquals(Set.of("kafka", "other"), systems.getSystemNames());
    assertEquals(List.of(RATES), List.copyOf(systems.getConfiguredStreams("kafka")));
    assertEquals("x.Y", systems.getFactoryClass("other").orElseThrow());
  }

  @Test
  void passesClientPropertiesThrough() {
    assertEquals(Map.of("bootstrap.servers", "b:9092", "ssl.key.password", "pw"),
        systems.getConsumerConfig("kafka").asMap());
    assertEquals(Map.of("acks", "all"), systems.getProducerConfig("kafka").asMap());
    assertFalse(systems.getConsumerConfig("kafka").toString().contains("pw"));
  }

  @Test
  void streamSettingsOverrideTheSystemsAndDefaultOtherwise() {
    assertEquals(OffsetDefault.UPCOMING, systems.getOffsetDefault(RATES));
    assertEquals(OffsetDefault.OLDEST, systems.getOffsetDefault(ORDERS));
    assertEquals(OffsetDefault.UPCOMING, systems.getOffsetDefault("other"));
    assertEquals("double", systems.getMsgSerde(RATES).orElseThrow());
    assertEquals("json", systems.getMsgSerde(ORDERS).orElseThrow());
    assertEquals("string", systems.getKeySerde(RATES).orElseThrow());
    assertTrue(systems.isBootstrap(RATES));
    assertTrue(systems.isResetOffset(RATES));
    assertEquals(5, systems.getPriority(RATES));
    assertFalse(systems.isBootstrap(ORDERS));
    assertFalse(systems.isResetOffset(ORDERS));
    assertEquals(-1, systems.getPriority(ORDERS));
  }

  @Test
  void malformedOffsetDefaultNamesTheKey() {
    SystemConfig bad = new SystemConfig(Config.of(Map.of("systems.kafka.streams.orders.samza.offset.default", "latest")));
    ConfigException e = assertThrows(ConfigException.class, () -> bad.getOffsetDefault(ORDERS));
    assertEquals("systems.kafka.streams.orders.samza.offset.default", e.problems().get(0).key());
    assertTrue(e.getMessage().contains("upcoming or oldest"), e::getMessage);
  }

  @Test
  void keyBuildersMatchSamzasNames() {
    assertEquals("systems.kafka.samza.msg.serde", SystemConfig.systemKey("kafka", SystemConfig.SAMZA_MSG_SERDE));
    assertEquals("systems.kafka.streams.fx.rates.samza.bootstrap", SystemConfig.streamKey(RATES, SystemConfig.SAMZA_BOOTSTRAP));
  }
}
