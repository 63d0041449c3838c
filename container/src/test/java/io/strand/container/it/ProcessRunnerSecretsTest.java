package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.load.ConfigLoader;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.ProcessJob;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.testjobs.SecretProbeTask;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process runner hands secrets to its container JVMs without writing them to disk: a
 * {@code sasl.jaas.config} taken from an environment variable and a password in {@code task.opts}
 * reach the containers (shown by the hashes the job sends), while no file under the work dir holds
 * either, and the containers' config file is gone after the job.
 */
@RealKafka
class ProcessRunnerSecretsTest {

  private static final String JAAS_PASSWORD = "jaas-S3cret-from-env";
  private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
      + " username=\"strand\" password=\"" + JAAS_PASSWORD + "\";";
  private static final String OPTS_PASSWORD = "opts-S3cret-in-task-opts";

  @TempDir
  Path dir;

  @Test
  void secretsReachTheContainersButNoFileUnderTheWorkDir(KafkaCluster kafka) throws Exception {
    String input = kafka.uniqueTopic("secrets-in");
    String output = kafka.uniqueTopic("secrets-out");
    kafka.client().createTopic(input, 2);
    kafka.client().createTopic(output, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(new ProducerRecord<>(input, i % 2, null, String.valueOf(i)));
    }
    kafka.client().produce(records);
    Path workDir = dir.resolve("work");

    Map<String, String> m = new TreeMap<>();
    m.put("job.name", kafka.uniqueTopic("secrets-job"));
    m.put("job.container.count", "2");
    m.put("job.factory.class", ProcessJobFactory.class.getName());
    m.put("task.class", SecretProbeTask.class.getName());
    m.put("task.inputs", "kafka." + input);
    m.put("task.commit.ms", "200");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(m, input);
    m.put("systems.kafka.consumer.sasl.jaas.config", "${KAFKA_JAAS}"); // as the README recommends
    m.put("test.output", "kafka." + output);
    m.put("test.secret.key", "systems.kafka.consumer.sasl.jaas.config");
    m.put("test.secret.property", "test.truststore.password");
    m.put("task.opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dtest.truststore.password=" + OPTS_PASSWORD);
    m.put("strand.process.work.dir", workDir.toString());
    Path file = dir.resolve("job.properties");
    Properties properties = new Properties();
    properties.putAll(m);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, null);
    }
    Config config = new ConfigLoader(Map.of("KAFKA_JAAS", JAAS)::get).load(file, List.of());
    assertEquals(JAAS, config.get("systems.kafka.consumer.sasl.jaas.config").orElseThrow());

    ProcessJob job = new ProcessJobFactory().newJob(config);
    Path childConfig = workDir.resolve(ProcessJobFactory.CONFIG_FILE);
    assertTrue(Files.isRegularFile(childConfig));
    assertNoSecretUnder(workDir);
    job.submit();

    assertEquals(JobStatus.SUCCEEDED, job.waitForFinish(120_000), () -> logs(job));
    List<ConsumerRecord<String, String>> reports = kafka.client().readAll(output);
    assertEquals(10, reports.size(), reports::toString);
    String expected = SecretProbeTask.sha256(JAAS) + "/" + SecretProbeTask.sha256(OPTS_PASSWORD);
    reports.forEach(r -> assertEquals(expected, r.value(), "what container saw for partition " + r.key()));
    assertFalse(Files.exists(childConfig), "the containers' config file is removed when the job ends");
    assertTrue(Files.exists(job.logFile("0")), "the containers' logs stay");
    assertNoSecretUnder(workDir);
  }

  private static void assertNoSecretUnder(Path workDir) throws IOException {
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String secret : List.of(JAAS_PASSWORD, OPTS_PASSWORD)) {
          assertFalse(text.contains(secret), f + " holds a secret");
        }
      }
    }
  }

  private static String logs(ProcessJob job) {
    StringBuilder text = new StringBuilder();
    for (String id : List.of("0", "1")) {
      try {
        text.append("--- container ").append(id).append('\n').append(Files.readString(job.logFile(id)));
      } catch (IOException e) {
        text.append(e).append('\n');
      }
    }
    return text.toString();
  }
}
