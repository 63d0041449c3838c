package io.strand.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

  private static final String SECRET = "hunter2-do-not-print";

  private static Config configWithSecrets() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("job.name", "orders");
    entries.put("systems.kafka.consumer.ssl.key.password", SECRET + "1");
    entries.put("systems.kafka.consumer.ssl.keystore.key", SECRET + "2");
    entries.put("systems.kafka.producer.sasl.jaas.config", SECRET + "3");
    entries.put("systems.kafka.producer.basic.auth.password", SECRET + "4");
    entries.put("app.client.secret", SECRET + "5");
    entries.put("db.PASSWORD", SECRET + "6");
    return new Config(entries, "job.properties");
  }

  @Test
  void recognisesSecretKeys() {
    assertTrue(SecretMasking.isSecret("ssl.key.password"));
    assertTrue(SecretMasking.isSecret("systems.kafka.consumer.ssl.keystore.key"));
    assertTrue(SecretMasking.isSecret("sasl.jaas.config"));
    assertTrue(SecretMasking.isSecret("my.Secret.token"));
    assertFalse(SecretMasking.isSecret("systems.kafka.consumer.bootstrap.servers"));
    assertFalse(SecretMasking.isSecret("stores.totals.key.serde"));
    assertEquals(SecretMasking.MASK, SecretMasking.mask("x.password", "p"));
    assertEquals("v", SecretMasking.mask("job.name", "v"));
  }

  @Test
  void toStringMasksEverySecret() {
    String text = configWithSecrets().toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("job.name=orders"), text);
    assertTrue(text.contains("systems.kafka.consumer.ssl.key.password=" + SecretMasking.MASK), text);
  }

  @Test
  void subsetToStringMasksToo() {
    String text = configWithSecrets().subset("systems.kafka.consumer.").toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("ssl.keystore.key=" + SecretMasking.MASK), text);
  }

  @Test
  void rendererMasksEverySecretAndShowsOneEntryPerLine() {
    Config config = configWithSecrets().withOverrides(Map.of("task.commit.ms", "5000"), "--config override");
    String text = ConfigRenderer.render(config);
    assertFalse(text.contains(SECRET), text);
    assertEquals(1 + config.asMap().size(), text.lines().count(), text);
    assertTrue(text.startsWith("Config from job.properties (8 entries):"), text);
    assertTrue(text.contains("\n  systems.kafka.producer.sasl.jaas.config = " + SecretMasking.MASK), text);
    assertTrue(text.contains("\n  task.commit.ms = 5000   [from --config override]"), text);
  }

  @Test
  void parseErrorsDoNotQuoteSecretValues() {
    Config config = new Config(Map.of("ssl.key.password.length", SECRET), "job.properties");
    ConfigException e = assertThrows(ConfigException.class, () -> config.getInt("ssl.key.password.length", 0));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void secretLookingJvmOptionsAreMaskedInAnyValue() {
    String opts = "-Xmx1g -Djavax.net.ssl.keyStorePassword=" + SECRET + " -Dapp.mode=fast -Dapi.secret=" + SECRET;
    assertEquals("-Xmx1g -Djavax.net.ssl.keyStorePassword=" + SecretMasking.MASK + " -Dapp.mode=fast -Dapi.secret="
        + SecretMasking.MASK, SecretMasking.mask("task.opts", opts));
    assertEquals("-Xmx1g -Dapp.mode=fast", SecretMasking.maskOptions("-Xmx1g -Dapp.mode=fast"));
    String rendered = ConfigRenderer.render(new Config(Map.of("task.opts", opts), "job.properties"));
    assertFalse(rendered.contains(SECRET), rendered);
    assertTrue(rendered.contains("-Dapp.mode=fast"), rendered);
    String text = new Config(Map.of("task.opts", opts), "job.properties").toString();
    assertFalse(text.contains(SECRET), text);
  }
}
