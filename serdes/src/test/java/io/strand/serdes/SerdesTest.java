package io.strand.serdes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.SerializerConfig;
import io.strand.serializers.ByteSerde;
import io.strand.serializers.DoubleSerde;
import io.strand.serializers.IntegerSerde;
import io.strand.serializers.JsonSerde;
import io.strand.serializers.JsonSerdeFactory;
import io.strand.serializers.JsonSerdeTest;
import io.strand.serializers.LongSerde;
import io.strand.serializers.Serde;
import io.strand.serializers.SerdeFactory;
import io.strand.serializers.StringSerde;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerdesTest {

  /** A user's factory, found by class name. */
  public static final class UpperCaseSerdeFactory implements SerdeFactory<String> {
    @Override
    public Serde<String> getSerde(String name, Config config) {
      String suffix = config.get(SerializerConfig.registryPrefix(name) + "suffix", "");
      return new Serde<>() {
        @Override
        public byte[] toBytes(String object) {
          return (object.toUpperCase() + suffix).getBytes(UTF_8);
        }

        @Override
        public String fromBytes(byte[] bytes) {
          return new String(bytes, UTF_8);
        }
      };
    }
  }

  /** Has no public no-argument constructor. */
  public static final class NeedsArgumentFactory implements SerdeFactory<String> {
    public NeedsArgumentFactory(String unused) {
    }

    @Override
    public Serde<String> getSerde(String name, Config config) {
      return new StringSerde();
    }
  }

  @Test
  void everyBuiltInNameOfTheConfigurationHasAFactory() {
    assertEquals(SerializerConfig.BUILT_IN_SERDE_NAMES, Serdes.BUILT_INS.keySet());
  }

  @Test
  void builtInsAreKnownByTheirShortNames() {
    Config config = Config.of(Map.of());
    assertInstanceOf(StringSerde.class, Serdes.fromConfig("string", config));
    assertInstanceOf(IntegerSerde.class, Serdes.fromConfig("integer", config));
    assertInstanceOf(LongSerde.class, Serdes.fromConfig("long", config));
    assertInstanceOf(DoubleSerde.class, Serdes.fromConfig("double", config));
    assertInstanceOf(ByteSerde.class, Serdes.fromConfig("bytes", config));
    assertInstanceOf(JsonSerde.class, Serdes.fromConfig("json", config));
  }

  @Test
  void aRegisteredClassIsInstantiatedAndGivenTheWholeConfig() {
    Config config = Config.of(Map.of(
        "serializers.registry.shout.class", UpperCaseSerdeFactory.class.getName(),
        "serializers.registry.shout.suffix", "!"));
    Serde<Object> serde = Serdes.fromConfig("shout", config);
    assertArrayEquals("HI!".getBytes(UTF_8), serde.toBytes("hi"));
  }

  @Test
  void aRegisteredBuiltInClassUnderAnotherNameReadsItsOwnSettings() {
    Config config = Config.of(Map.of(
        "serializers.registry.flight-json.class", JsonSerdeFactory.class.getName(),
        "serializers.registry.flight-json.type", JsonSerdeTest.Flight.class.getName()));
    Object read = Serdes.fromConfig("flight-json", config)
        .fromBytes("{\"origin\":\"SFO\",\"delayMinutes\":1,\"legs\":[]}".getBytes(UTF_8));
    assertEquals(new JsonSerdeTest.Flight("SFO", 1, java.util.List.of()), read);
  }

  @Test
  void anUnknownNameIsAConfigExceptionListingTheBuiltIns() {
    ConfigException e = assertThrows(ConfigException.class, () -> Serdes.fromConfig("protobuf", Config.of(Map.of())));
    assertTrue(e.getMessage().contains("serializers.registry.protobuf.class"), e.getMessage());
    assertTrue(e.getMessage().contains("string, integer, long, double, bytes, json"), e.getMessage());
  }

  @Test
  void badFactoryClassesAreConfigExceptions() {
    assertThrows(ConfigException.class, () -> Serdes.fromConfig("x",
        Config.of(Map.of("serializers.registry.x.class", "com.example.Missing"))));
    assertThrows(ConfigException.class, () -> Serdes.fromConfig("x",
        Config.of(Map.of("serializers.registry.x.class", String.class.getName()))));
    ConfigException e = assertThrows(ConfigException.class, () -> Serdes.fromConfig("x",
        Config.of(Map.of("serializers.registry.x.class", NeedsArgumentFactory.class.getName()))));
    assertTrue(e.getMessage().contains("no-argument constructor"), e.getMessage());
  }
}
