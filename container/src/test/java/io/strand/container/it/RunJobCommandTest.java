package io.strand.container.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.cli.RunJobCommand;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The run-job command: exit codes and what the user sees. */
@RealKafka
class RunJobCommandTest {

  @TempDir
  Path dir;

  private Path writeProperties(Map<String, String> entries) throws IOException {
    Properties properties = new Properties();
    properties.putAll(entries);
    Path file = dir.resolve("job.properties");
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, null);
    }
    return file;
  }

  private record Run(int exitCode, String err) {}

  private static Run runInProcess(String... args) {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new RunJobCommand()).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, err.toString());
  }

  @Test
  void aBoundedJobRunFromTheCommandLineExitsZeroWithTheExpectedOutput(KafkaCluster kafka) throws Exception {
    StatelessJob job = new StatelessJob(kafka, "cli-job", 250);
    Path file = writeProperties(job.entries(ThreadJobFactory.class.getName(), dir));
    Path log = dir.resolve("run-job.log");

    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), RunJobCommand.class.getName(),
        "--config-path", file.toString(), "--config", "task.commit.ms=300")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }

    String output = Files.readString(log);
    assertTrue(ended, "run-job ended by itself; output:\n" + output);
    assertEquals(0, process.exitValue(), output);
    assertEquals(StatelessJob.values(job.expected().values().stream()
            .map(v -> new org.apache.kafka.clients.consumer.ConsumerRecord<String, String>(job.output, 0, 0, null, v))
            .toList()),
        StatelessJob.values(job.readOutput()));
  }

  @Test
  void anInvalidConfigListsEveryProblemAndExitsTwo() throws IOException {
    Path file = writeProperties(Map.of("job.container.count", "many", "task.commit.ms", "soon"));

    Run run = runInProcess("--config-path", file.toString());

    assertEquals(RunJobCommand.EXIT_CONFIG, run.exitCode());
    for (String key : List.of("job.name", "task.class", "task.inputs", "job.container.count", "task.commit.ms")) {
      assertTrue(run.err().contains(key), key + " in:\n" + run.err());
    }
    assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
  }

  @Test
  void aMissingInputTopicIsOneClearLineAndExitsOne(KafkaCluster kafka) throws IOException {
    String missing = kafka.uniqueTopic("missing");
    Path file = writeProperties(Map.of("job.name", kafka.uniqueTopic("job"),
        "task.class", "io.strand.container.testjobs.FilterMapTask", "task.inputs", "kafka." + missing,
        "systems.kafka.producer.bootstrap.servers", kafka.bootstrapServers()));

    Run run = runInProcess("--config-path", file.toString());

    assertEquals(RunJobCommand.EXIT_FAILED, run.exitCode());
    assertTrue(run.err().contains("input topic '" + missing + "' does not exist on system 'kafka'"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
  }

  @Test
  void badClientStoreAndDeadLetterSettingsAreAllReportedBeforeAnythingIsCreated(KafkaCluster kafka) throws Exception {
    String job = kafka.uniqueTopic("bad-settings");
    String input = kafka.uniqueTopic("bad-settings-in");
    kafka.client().createTopic(input, 2);
    Path notADir = Files.writeString(dir.resolve("state"), "a file, not a directory");
    Map<String, String> entries = new java.util.TreeMap<>();
    entries.put("job.name", job);
    entries.put("task.class", "io.strand.container.testjobs.FilterMapTask");
    entries.put("task.inputs", "kafka." + input);
    entries.put("systems.kafka.producer.bootstrap.servers", kafka.bootstrapServers());
    entries.put("systems.kafka.producer.acks", "maybe");
    entries.put("systems.kafka.consumer.max.poll.records", "abc");
    entries.put("systems.kafka.consumer.security.protocol", "SASL_PLAINTEXT");
    entries.put("systems.kafka.consumer.sasl.mechanism", "PLAIN");
    entries.put("systems.kafka.consumer.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"hunter2-secret\"");
    entries.put("stores.totals.factory", "io.strand.kv.RocksDbStoreFactory");
    entries.put("stores.totals.key.serde", "string");
    entries.put("stores.totals.msg.serde", "string");
    entries.put("stores.totals.rocksdb.compression", "gzip");
    entries.put("job.non-logged.store.base.dir", notADir.toString());
    entries.put("strand.task.dead-letter.stream", "kafka." + input);
    Path file = writeProperties(entries);

    Run run = runInProcess("--config-path", file.toString());

    assertEquals(RunJobCommand.EXIT_CONFIG, run.exitCode(), run.err());
    for (String key : List.of("systems.kafka.producer.acks", "systems.kafka.consumer.max.poll.records",
        "systems.kafka.consumer.sasl.jaas.config", "stores.totals.rocksdb.compression", "job.non-logged.store.base.dir",
        "strand.task.dead-letter.stream")) {
      assertTrue(run.err().contains("key '" + key + "' in " + file), key + " in:\n" + run.err());
    }
    assertTrue(run.err().contains("6 configuration problems"), run.err());
    assertTrue(run.err().contains("Not a directory"), run.err());
    assertTrue(run.err().startsWith("run-job: "), run.err());
    assertFalse(run.err().contains("hunter2-secret"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    Set<String> topics = kafka.client().admin().listTopics().names().get(30, TimeUnit.SECONDS);
    assertFalse(topics.stream().anyMatch(t -> t.contains(job)), "no topic of the job was created: " + topics);
  }

  @Test
  void anUnexpectedFailureAfterValidationIsStillOneRunJobLine(KafkaCluster kafka) throws IOException {
    String input = kafka.uniqueTopic("unexpected-in");
    kafka.client().createTopic(input, 1);
    Path file = writeProperties(Map.of("job.name", kafka.uniqueTopic("unexpected"),
        "job.factory.class", "io.strand.container.testjobs.FailingJobFactory",
        "task.class", "io.strand.container.testjobs.FilterMapTask", "task.inputs", "kafka." + input,
        "systems.kafka.producer.bootstrap.servers", kafka.bootstrapServers()));

    Run run = runInProcess("--config-path", file.toString());

    assertEquals(RunJobCommand.EXIT_FAILED, run.exitCode(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("run-job: job "), run.err());
    assertTrue(run.err().contains("KafkaException: Failed to construct kafka producer (disk quota exceeded)"), run.err());
  }
}
