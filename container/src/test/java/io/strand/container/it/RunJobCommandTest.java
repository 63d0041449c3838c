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
}
