package io.strand.container.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The log4j2.xml that run-job and container processes use drops exactly the Kafka noise it names. */
class ShippedLogConfigTest {

  private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";

  private static Configuration shipped() throws IOException {
    try (InputStream in = ShippedLogConfigTest.class.getResourceAsStream("/log4j2.xml")) {
      XmlConfiguration config = new XmlConfiguration(new LoggerContext("test"), new ConfigurationSource(in));
      config.initialize();
      return config;
    }
  }

  private static boolean logged(Configuration config, String logger, Level level, String message) {
    LoggerConfig lc = config.getLoggerConfig(logger);
    if (!lc.getLevel().isLessSpecificThan(level)) {
      return false;
    }
    Filter filter = lc.getFilter();
    return filter == null || filter.filter(Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(level)
        .setMessage(new SimpleMessage(message)).build()) != Filter.Result.DENY;
  }

  @Test
  void theProducersUnknownTopicWarningOfAnAutoCreatedOutputIsDropped() throws IOException {
    Configuration config = shipped();

    assertEquals(false, logged(config, NETWORK_CLIENT, Level.WARN, "[Producer clientId=strand-j-1-c0-producer-kafka]"
        + " The metadata response from the cluster reported a recoverable issue with correlation id 9 :"
        + " {airport-delay-totals=UNKNOWN_TOPIC_OR_PARTITION}"));
    assertEquals(false, logged(config, NETWORK_CLIENT, Level.WARN, "[Producer clientId=p] The metadata response"
        + " from the cluster reported a recoverable issue with correlation id 12 : {a=LEADER_NOT_AVAILABLE,"
        + " b=UNKNOWN_TOPIC_OR_PARTITION}"));
  }

  @Test
  void theClientsOtherWarningsStay() throws IOException {
    Configuration config = shipped();

    assertEquals(true, logged(config, NETWORK_CLIENT, Level.WARN, "[Producer clientId=p] Connection to node -1"
        + " (localhost/127.0.0.1:9092) could not be established. Node may not be available."));
    assertEquals(true, logged(config, NETWORK_CLIENT, Level.WARN, "[Producer clientId=p] The metadata response"
        + " from the cluster reported a recoverable issue with correlation id 3 : {t=TOPIC_AUTHORIZATION_FAILED}"));
    assertEquals(true, logged(config, "io.strand.container.assembly.StreamContainer", Level.INFO, "started"));
    assertEquals(false, logged(config, "io.strand.kv.rocksdb.RocksDbStore", Level.DEBUG, "Opened"));
  }
}
