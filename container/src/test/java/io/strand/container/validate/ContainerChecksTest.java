package io.strand.container.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;
import io.strand.config.validate.ConfigValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's additions to validation, without a broker (nothing connects): Kafka client
 * settings judged by Kafka's own definitions, RocksDB values, store dirs, the dead-letter stream.
 */
class ContainerChecksTest {

  private static final String SOURCE = "/etc/strand/orders.properties";
  private static final String SECRET = "pa55-w0rd-xyz";

  @TempDir
  Path tmp;

  private final ConfigValidator validator = ContainerChecks.validator();

  private Map<String, String> valid() {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "orders");
    m.put("task.class", "io.strand.container.testjobs.FilterMapTask");
    m.put("task.inputs", "kafka.orders");
    m.put("systems.kafka.producer.bootstrap.servers", "localhost:9092");
    m.put("job.logged.store.base.dir", tmp.resolve("logged").toString());
    m.put("job.non-logged.store.base.dir", tmp.resolve("non-logged").toString());
    m.put("stores.totals.factory", "io.strand.kv.RocksDbStoreFactory");
    m.put("stores.totals.key.serde", "string");
    m.put("stores.totals.msg.serde", "long");
    return m;
  }

  private static List<ConfigProblem> problems(Map<String, String> entries) {
    return ValidationProblems.of(entries, SOURCE);
  }

  private static ConfigProblem on(List<ConfigProblem> problems, String key) {
    return ValidationProblems.on(problems, key);
  }

  @Test
  void aValidJobHasNoProblem() {
    assertEquals(List.of(), problems(valid()));
  }

  @Test
  void malformedKafkaClientValuesAreEachReportedOnTheUsersKey() {
    Map<String, String> m = valid();
    m.put("systems.kafka.producer.acks", "maybe");
    m.put("systems.kafka.consumer.max.poll.records", "abc");
    m.put("systems.kafka.producer.linger.ms", "-5");
    List<ConfigProblem> problems = problems(m);

    assertTrue(on(problems, "systems.kafka.producer.acks").problem().contains("String must be one of: all, -1, 0, 1"),
        problems::toString);
    assertTrue(on(problems, "systems.kafka.consumer.max.poll.records").problem().contains("Not a number of type INT"),
        problems::toString);
    assertTrue(on(problems, "systems.kafka.producer.linger.ms").problem().contains("at least 0"), problems::toString);
    problems.forEach(p -> assertEquals(SOURCE, p.source()));
  }

  @Test
  void kafkasCrossKeyRulesApply() {
    Map<String, String> m = valid();
    m.put("systems.kafka.producer.acks", "1"); // Strand's producers are idempotent
    ConfigProblem problem = on(problems(m), "systems.kafka.producer.*");
    assertTrue(problem.problem().contains("Must set acks to all"), problem::toString);
  }

  @Test
  void aJaasValueWithoutItsSemicolonIsReportedWithoutTheSecret() {
    Map<String, String> m = valid();
    m.put("systems.kafka.consumer.security.protocol", "SASL_PLAINTEXT");
    m.put("systems.kafka.consumer.sasl.mechanism", "PLAIN");
    m.put("systems.kafka.consumer.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"" + SECRET + "\"");
    List<ConfigProblem> problems = problems(m);
    ConfigProblem problem = on(problems, "systems.kafka.consumer.sasl.jaas.config");
    assertTrue(problem.problem().contains("not terminated by semi-colon"), problem::toString);
    assertFalse(problems.toString().contains(SECRET), problems::toString);

    // A malformed value beside it does not hide it.
    m.put("systems.kafka.consumer.max.poll.records", "abc");
    assertEquals(List.of("systems.kafka.consumer.max.poll.records", "systems.kafka.consumer.sasl.jaas.config"),
        problems(m).stream().map(ConfigProblem::key).toList());
    m.remove("systems.kafka.consumer.max.poll.records");

    m.put("systems.kafka.consumer.sasl.jaas.config", m.get("systems.kafka.consumer.sasl.jaas.config") + ";");
    assertEquals(List.of(), problems(m));
  }

  @Test
  void aKeyStorePasswordWithoutAKeyStoreIsReportedForALocalRunner() {
    Map<String, String> m = valid();
    m.put("systems.kafka.producer.security.protocol", "SSL");
    m.put("systems.kafka.producer.ssl.keystore.password", SECRET);
    ConfigProblem problem = on(problems(m), "systems.kafka.producer.ssl.keystore.location");
    assertTrue(problem.problem().contains("key store is not specified"), problem::toString);

    m.put("systems.kafka.producer.ssl.keystore.location", tmp.resolve("missing.jks").toString());
    problem = on(problems(m), "systems.kafka.producer.ssl.keystore.location");
    assertTrue(problem.problem().contains("No such file or directory"), problem::toString);
    assertFalse(problem.toString().contains(SECRET), problem::toString);

    // On a cluster the key store is read on the cluster's hosts, not here.
    m.put("job.factory.class", "io.strand.yarn.YarnJobFactory");
    assertEquals(List.of(), problems(m));
  }

  @Test
  void anUnknownKafkaKeyIsAWarningOnly() {
    Map<String, String> m = valid();
    m.put("systems.kafka.consumer.max.poll.recordz", "10");
    Config config = new Config(m, SOURCE);
    assertEquals(List.of(), validator.problems(config));
    assertEquals(List.of("systems.kafka.consumer.max.poll.recordz"),
        validator.warnings(config).stream().map(ConfigProblem::key).toList());
  }

  @Test
  void aSystemWithoutBootstrapServersIsAProblem() {
    Map<String, String> m = valid();
    m.remove("systems.kafka.producer.bootstrap.servers");
    m.put("systems.kafka.samza.msg.serde", "string");
    assertTrue(on(problems(m), "systems.kafka.producer.bootstrap.servers").problem().contains("no bootstrap servers"));
  }

  @Test
  void rocksDbValuesAreChecked() {
    Map<String, String> m = valid();
    m.put("stores.totals.rocksdb.compression", "gzip");
    m.put("stores.totals.rocksdb.max.write.buffers", "1");
    m.put("stores.totals.rocksdb.compresion", "lz4");
    Config config = new Config(m, SOURCE);
    List<ConfigProblem> problems = validator.problems(config);
    assertTrue(on(problems, "stores.totals.rocksdb.compression").problem().contains("got 'gzip'"));
    on(problems, "stores.totals.rocksdb.max.write.buffers");
    assertEquals(List.of("stores.totals.rocksdb.compresion"),
        validator.warnings(config).stream().map(ConfigProblem::key).toList());
  }

  @Test
  void aStoreBaseDirThatIsAFileOrUnderAFileSaysNotADirectory() throws IOException {
    Path file = Files.writeString(tmp.resolve("state-file"), "x");
    Map<String, String> m = valid();
    m.put("job.non-logged.store.base.dir", file.toString());
    ConfigProblem problem = on(problems(m), "job.non-logged.store.base.dir");
    assertTrue(problem.problem().contains("Not a directory: " + file + " is a file"), problem::toString);
    assertEquals(SOURCE, problem.source());

    m.put("job.non-logged.store.base.dir", file.resolve("below").toString());
    assertTrue(on(problems(m), "job.non-logged.store.base.dir").problem().contains("Not a directory"));

    // Stores with a changelog use the logged base dir; this job has none, so that one is not checked.
    m.put("job.logged.store.base.dir", file.toString());
    assertEquals(1, problems(m).size(), () -> problems(m).toString());
    assertFalse(Files.exists(tmp.resolve("non-logged")), "validation creates nothing");
  }

  @Test
  void aDeadLetterStreamThatIsAnInputIsRejected() {
    Map<String, String> m = valid();
    m.put("strand.task.dead-letter.stream", "kafka.orders");
    assertTrue(on(problems(m), "strand.task.dead-letter.stream").problem().contains("an input of the job"));

    m.put("strand.task.dead-letter.stream", "kafka.orders-dlq");
    assertEquals(List.of(), problems(m));

    m.put("strand.task.dead-letter.stream", "kafak.orders-dlq");
    assertTrue(on(problems(m), "strand.task.dead-letter.stream").problem().contains("names system 'kafak'"));
  }
}
