package io.strand.container.kafka;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.SecretMasking;
import io.strand.config.validate.ConfigCheck;
import io.strand.config.view.SystemConfig;
import io.strand.kv.engine.FileErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

/**
 * Validation of every system's Kafka client settings ({@code systems.<s>.producer.*},
 * {@code systems.<s>.consumer.*}) before anything is created, with Kafka's own rules: the
 * properties each client would get ({@link KafkaSystem}: Strand's defaults, the user's keys, the
 * fixed byte-array serializers) are checked by the client's {@code ConfigDef}
 * ({@link ProducerConfig#configDef()}, {@link ConsumerConfig#configDef()}), so every malformed
 * value is reported, each naming the user's key; then the client config is built, which applies
 * Kafka's checks across keys (for example {@code enable.idempotence=true} with {@code acks=1});
 * a {@code sasl.jaas.config} is parsed by Kafka's JAAS parser ({@link JaasContext}). When the
 * clients will run on this host, an SSL setup is loaded as the clients would load it
 * ({@link DefaultSslEngineFactory}: key and trust stores read, passwords checked), unless a custom
 * {@code ssl.engine.factory.class} is set.
 *
 * <p>There is no separate admin prefix: admin clients take the consumer's settings that
 * {@code AdminClientConfig} knows, so checking the consumer's covers them.
 *
 * <p>A key Kafka does not define is a warning, not a problem: Kafka hands unknown keys to plugins
 * (interceptors, partitioners, login callback handlers), which may read them. A system without
 * bootstrap servers is a problem. Secret values never appear in a message.
 *
 * <p>Threading: immutable; checks run on the validating thread.
 */
public final class KafkaClientCheck implements ConfigCheck {

  private static final Set<String> SSL_PROTOCOLS = Set.of("SSL", "SASL_SSL");

  private final boolean clientsOnThisHost;

  /**
   * Creates the check.
   *
   * @param clientsOnThisHost whether the job's clients run on this host (the thread and process
   *     runners), so files they name (key and trust stores) can be checked here; false for a
   *     cluster runner, whose clients read them on other hosts
   */
  public KafkaClientCheck(boolean clientsOnThisHost) {
    this.clientsOnThisHost = clientsOnThisHost;
  }

  @Override
  public void check(Config config, Report report) {
    for (String system : new SystemConfig(config).getSystemNames()) {
      KafkaSystem kafka;
      try {
        kafka = KafkaSystem.fromConfig(system, config);
      } catch (ConfigException e) {
        e.problems().forEach(report::problem);
        continue;
      }
      new Client(config, report, system, SystemConfig.PRODUCER_PREFIX, "producer", ProducerConfig.configDef(),
          ProducerConfig::new).check(kafka.producerProperties());
      new Client(config, report, system, SystemConfig.CONSUMER_PREFIX, "consumer", ConsumerConfig.configDef(),
          ConsumerConfig::new).check(kafka.consumerProperties());
    }
  }

  /** One client side of one system. */
  private final class Client {
    private final Config config;
    private final Report report;
    private final String system;
    private final String prefix;
    private final String kind;
    private final ConfigDef definition;
    private final Function<Map<String, Object>, AbstractConfig> build;
    private final Map<String, String> own;
    private final List<String> secrets = new ArrayList<>();

    Client(Config config, Report report, String system, String prefix, String kind, ConfigDef definition,
        Function<Map<String, Object>, AbstractConfig> build) {
      this.config = config;
      this.report = report;
      this.system = system;
      this.prefix = prefix;
      this.kind = kind;
      this.definition = definition;
      this.build = build;
      this.own = config.subset(SystemConfig.systemKey(system, prefix)).asMap();
      own.forEach((k, v) -> {
        if (SecretMasking.isSecret(k) && !v.isBlank()) {
          secrets.add(v);
        }
      });
    }

    void check(Map<String, Object> properties) {
      for (String name : own.keySet()) {
        // KafkaSystem drops a Samza file's zookeeper.connect; validation logs that once, as INFO.
        if (!definition.names().contains(name) && !name.equals("zookeeper.connect")) {
          report.warning(problem(name, "'" + name + "' is not a Kafka " + kind + " setting: Kafka passes it on to"
              + " plugins (interceptors, partitioners, login callback handlers) and ignores it otherwise; check"
              + " the name"));
        }
      }
      Map<String, String> strings = new HashMap<>();
      properties.forEach((k, v) -> strings.put(k, String.valueOf(v)));
      Map<String, Object> wellFormed = new HashMap<>(properties);
      for (ConfigValue value : definition.validate(strings)) {
        if (!value.errorMessages().isEmpty()) {
          report.problem(problem(value.name(), "Kafka's " + kind + " rejects it: " + value.errorMessages().get(0)));
          wellFormed.remove(value.name()); // so the checks below still run, on Kafka's default for it
        }
      }
      AbstractConfig parsed;
      try {
        parsed = build.apply(wellFormed);
      } catch (KafkaException e) {
        report.problem(problem("*", "Kafka's " + kind + " rejects these settings together: " + e.getMessage()));
        return;
      }
      if (wellFormed.containsKey(SaslConfigs.SASL_JAAS_CONFIG)) {
        try {
          JaasContext.loadClientContext(parsed.values());
        } catch (IllegalArgumentException | KafkaException e) {
          report.problem(problem(SaslConfigs.SASL_JAAS_CONFIG, "Kafka cannot parse the JAAS configuration: "
              + e.getMessage() + " (expected <LoginModule class> required key=\"value\" ...; ending with ';')"));
        }
      }
      String protocol = String.valueOf(wellFormed.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, ""));
      if (clientsOnThisHost && SSL_PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))
          && wellFormed.get(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG) == null) {
        checkSsl(parsed);
      }
    }

    private void checkSsl(AbstractConfig parsed) {
      try (DefaultSslEngineFactory factory = new DefaultSslEngineFactory()) {
        factory.configure(parsed.values());
      } catch (KafkaException | IllegalArgumentException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e.getCause() instanceof IOException io) {
          message += ": " + FileErrors.reason(io);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        String key = lower.contains("trust store") || lower.contains("truststore")
            ? SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG
            : lower.contains("key store") || lower.contains("keystore") ? SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG
            : "ssl.*";
        report.problem(problem(key, "Kafka's " + kind + " cannot set up SSL: " + message));
      }
    }

    /** A problem on the user's key for a Kafka setting, secrets scrubbed from the text. */
    private ConfigProblem problem(String name, String what) {
      String key = SystemConfig.systemKey(system, prefix) + name;
      if (!config.containsKey(key) && name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
        // KafkaSystem took the other side's bootstrap servers.
        String other = prefix.equals(SystemConfig.PRODUCER_PREFIX) ? SystemConfig.CONSUMER_PREFIX
            : SystemConfig.PRODUCER_PREFIX;
        key = SystemConfig.systemKey(system, other) + name;
      }
      String text = what;
      for (String secret : secrets) {
        text = text.replace(secret, SecretMasking.MASK);
      }
      return new ConfigProblem(key, config.sourceOf(key), text);
    }
  }
}
