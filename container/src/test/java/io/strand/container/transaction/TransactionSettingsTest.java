package io.strand.container.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.TaskConfig;
import io.strand.container.job.JobIdentity;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How the transaction settings and the exactly-once commit interval are read from config. */
class TransactionSettingsTest {

  private static final JobIdentity JOB = new JobIdentity("payments", "2");

  private static Config config(String... entries) {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "payments");
    for (int i = 0; i < entries.length; i += 2) {
      m.put(entries[i], entries[i + 1]);
    }
    return Config.of(m);
  }

  @Test
  void atLeastOnceHasNoTransactions() {
    assertEquals(Optional.empty(), TransactionSettings.fromConfig(config(), JOB, "0", "kafka"));
  }

  @Test
  void exactlyOnceNamesTheContainerAndDefaultsTheTimeoutAboveTheCommitInterval() {
    Config config = config("task.delivery.guarantee", "exactly-once");
    TransactionSettings s = TransactionSettings.fromConfig(config, JOB, "3", "kafka").orElseThrow();
    assertEquals("strand-payments-2-3", s.transactionalId());
    assertEquals("kafka", s.system());
    assertEquals(TransactionSettings.MIN_DEFAULT_TIMEOUT_MS, s.timeoutMs());
    assertEquals(TaskConfig.DEFAULT_EXACTLY_ONCE_COMMIT_MS, new TaskConfig(config).getCommitMs());

    Config slow = config("task.delivery.guarantee", "exactly-once", "task.commit.ms", "30000");
    assertEquals(300_000, TransactionSettings.fromConfig(slow, JOB, "0", "kafka").orElseThrow().timeoutMs());
  }

  @Test
  void aConfiguredTimeoutIsKeptWhenAboveTheCommitIntervalAndRejectedOtherwise() {
    Config ok = config("task.delivery.guarantee", "exactly-once",
        "systems.kafka.producer.transaction.timeout.ms", "20000");
    assertEquals(20_000, TransactionSettings.fromConfig(ok, JOB, "0", "kafka").orElseThrow().timeoutMs());

    Config bad = config("task.delivery.guarantee", "exactly-once", "task.commit.ms", "1000",
        "systems.kafka.producer.transaction.timeout.ms", "900");
    ConfigException e = assertThrows(ConfigException.class, () -> TransactionSettings.fromConfig(bad, JOB, "0",
        "kafka"));
    assertTrue(e.getMessage().contains("systems.kafka.producer.transaction.timeout.ms"), e.getMessage());
  }

  @Test
  void atLeastOnceKeepsSamzasCommitInterval() {
    assertEquals(TaskConfig.DEFAULT_COMMIT_MS, new TaskConfig(config()).getCommitMs());
  }
}
