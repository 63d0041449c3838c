package io.strand.container.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Pure checks of the settings KafkaSystem passes to its clients; the clients themselves are tested in TopicMetadataTest. */
class KafkaSystemTest {

  @Test
  void passThroughOverridesDefaultsButNotTheByteSerdesOrAGroup() {
    Config config = Config.of(Map.of(
        "systems.a.producer.bootstrap.servers", "p:1",
        "systems.a.producer.linger.ms", "20",
        "systems.a.consumer.max.poll.records", "500",
        "systems.a.consumer.security.protocol", "SASL_SSL",
        "systems.a.consumer.group.id", "not-used",
        "systems.a.consumer.value.deserializer", "x.Y"));
    KafkaSystem a = KafkaSystem.fromConfig("a", config);
    assertEquals("p:1", a.bootstrapServers());
    assertEquals("p:1", a.consumerProperties().get("bootstrap.servers"), "consumers fall back to the producer's servers");
    assertEquals("20", a.producerProperties().get("linger.ms"));
    assertEquals("all", a.producerProperties().get("acks"));
    assertEquals(ByteArraySerializer.class.getName(), a.producerProperties().get("value.serializer"));
    assertEquals("500", a.consumerProperties().get("max.poll.records"));
    assertEquals("65536", a.consumerProperties().get("fetch.min.bytes"));
    assertEquals("false", a.consumerProperties().get("enable.auto.commit"));
    assertEquals("SASL_SSL", a.consumerProperties().get("security.protocol"));
    assertEquals(ByteArrayDeserializer.class.getName(), a.consumerProperties().get("value.deserializer"));
  }

  @Test
  void exactlyOnceReadsCommittedAndKeepsOneProduceRequestInFlightUnlessTheJobSetsIt() {
    Map<String, String> base = Map.of("systems.a.producer.bootstrap.servers", "p:1",
        "task.delivery.guarantee", "exactly-once");
    KafkaSystem a = KafkaSystem.fromConfig("a", Config.of(base));
    assertEquals("read_committed", a.consumerProperties().get("isolation.level"));
    assertEquals("1", a.producerProperties().get("max.in.flight.requests.per.connection"));

    Map<String, String> own = new java.util.HashMap<>(base);
    own.put("systems.a.producer.max.in.flight.requests.per.connection", "5");
    assertEquals("5", KafkaSystem.fromConfig("a", Config.of(own)).producerProperties()
        .get("max.in.flight.requests.per.connection"));

    KafkaSystem atLeastOnce = KafkaSystem.fromConfig("a", Config.of(Map.of("systems.a.producer.bootstrap.servers", "p:1")));
    assertEquals(null, atLeastOnce.producerProperties().get("max.in.flight.requests.per.connection"),
        "at-least-once keeps the client's default");
  }

  @Test
  void eachSystemHasItsOwnServers() {
    Config config = Config.of(Map.of(
        "systems.a.producer.bootstrap.servers", "a:1",
        "systems.b.consumer.bootstrap.servers", "b:1"));
    KafkaSystems systems = new KafkaSystems(config);
    assertEquals("a:1", systems.get("a").bootstrapServers());
    assertEquals("b:1", systems.get("b").bootstrapServers());
    assertEquals("b:1", systems.get("b").producerProperties().get("bootstrap.servers"));
  }

  @Test
  void aSystemWithoutServersIsAConfigErrorNamingIt() {
    Config config = Config.of(Map.of("systems.a.samza.msg.serde", "json"));
    ConfigException e = assertThrows(ConfigException.class, () -> new KafkaSystems(config).get("a"));
    assertTrue(e.getMessage().contains("systems.a.producer.bootstrap.servers"), e.getMessage());
  }
}
