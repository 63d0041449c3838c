package io.strand.container.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation of the exactly-once mode's constraints, as part of the whole-job validation (no
 * broker): what a transaction can cover, the transaction timeout against the commit interval, and
 * the client settings that would undo the guarantee.
 */
class ExactlyOnceCheckTest {

  private static final String SOURCE = "/etc/strand/payments.properties";

  @TempDir
  Path tmp;

  private Map<String, String> valid() {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "payments");
    m.put("task.class", "io.strand.container.testjobs.CountingTask");
    m.put("task.inputs", "kafka.payments");
    m.put("task.delivery.guarantee", "exactly-once");
    m.put("systems.kafka.producer.bootstrap.servers", "localhost:9092");
    m.put("systems.audit.producer.bootstrap.servers", "localhost:9093");
    m.put("job.logged.store.base.dir", tmp.resolve("logged").toString());
    m.put("job.non-logged.store.base.dir", tmp.resolve("non-logged").toString());
    m.put("stores.counts.factory", "io.strand.kv.RocksDbStoreFactory");
    m.put("stores.counts.key.serde", "string");
    m.put("stores.counts.msg.serde", "string");
    m.put("stores.counts.changelog", "kafka.payments-counts");
    return m;
  }

  private static List<ConfigProblem> problems(Map<String, String> entries) {
    return ValidationProblems.of(entries, SOURCE);
  }

  private static ConfigProblem on(List<ConfigProblem> problems, String key) {
    return ValidationProblems.on(problems, key);
  }

  @Test
  void aValidExactlyOnceJobHasNoProblem() {
    assertEquals(List.of(), problems(valid()));
  }

  @Test
  void aChangelogOnAnotherSystemIsRejectedNamingTheCheckpointSystem() {
    Map<String, String> m = valid();
    m.put("stores.counts.changelog", "audit.payments-counts");
    ConfigProblem p = on(problems(m), "stores.counts.changelog");
    assertEquals(SOURCE, p.source());
    assertTrue(p.problem().contains("names system 'audit'") && p.problem().contains("system 'kafka'")
        && p.problem().contains("cannot span systems"), p.problem());
  }

  @Test
  void aDeadLetterStreamOnAnotherSystemIsRejected() {
    Map<String, String> m = valid();
    m.put("strand.task.dead-letter.stream", "audit.bad-payments");
    ConfigProblem p = on(problems(m), "strand.task.dead-letter.stream");
    assertTrue(p.problem().contains("expected a stream on system 'kafka'"), p.problem());
  }

  @Test
  void aTransactionTimeoutNotAboveTheCommitIntervalIsRejected() {
    Map<String, String> m = valid();
    m.put("task.commit.ms", "5000");
    m.put("systems.kafka.producer.transaction.timeout.ms", "5000");
    ConfigProblem p = on(problems(m), "systems.kafka.producer.transaction.timeout.ms");
    assertTrue(p.problem().contains("must be above task.commit.ms (5000 ms)"), p.problem());
  }

  @Test
  void clientSettingsThatUndoTheGuaranteeAreRejected() {
    Map<String, String> m = valid();
    m.put("systems.kafka.consumer.isolation.level", "read_uncommitted");
    m.put("systems.kafka.producer.enable.idempotence", "false");
    m.put("systems.kafka.producer.acks", "1");
    List<ConfigProblem> problems = problems(m);
    assertTrue(on(problems, "systems.kafka.consumer.isolation.level").problem().contains("aborted transactions"));
    assertTrue(on(problems, "systems.kafka.producer.enable.idempotence").problem().contains("idempotent"));
    assertTrue(on(problems, "systems.kafka.producer.acks").problem().contains("acks=all"));
  }

  @Test
  void atLeastOnceJobsAreNotConstrained() {
    Map<String, String> m = valid();
    m.put("task.delivery.guarantee", "at-least-once");
    m.put("stores.counts.changelog", "audit.payments-counts");
    m.put("systems.kafka.consumer.isolation.level", "read_uncommitted");
    assertEquals(List.of(), problems(m));
  }
}
