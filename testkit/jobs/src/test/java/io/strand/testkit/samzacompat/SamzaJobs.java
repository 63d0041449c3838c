package io.strand.testkit.samzacompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.config.Config;
import io.strand.config.load.ConfigLoader;
import io.strand.config.view.JobConfig;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.StreamJobFactory;
import io.strand.container.validate.ContainerChecks;
import io.strand.testkit.kafka.KafkaTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the samza-compat tests share: porting a Samza-named resource with the real {@code sed}
 * command a user runs, loading it as {@code run-job} does, and running the job with the runner
 * its {@code job.factory.class} names until a condition on its output holds.
 */
final class SamzaJobs {

  /** The one rewrite a Samza user applies, as a sed script. */
  static final String SED_SCRIPT = "s/org\\.apache\\.samza\\./io.strand./g";

  private SamzaJobs() {
  }

  /**
   * The resource's text after {@code sed 's/org\.apache\.samza\./io.strand./g'}, run as a process.
   */
  static String ported(String resource) throws IOException, InterruptedException {
    return ported(resource, "");
  }

  /** As {@link #ported(String)}, with lines added to the Samza-named original before the rewrite. */
  static String ported(String resource, String extraLines) throws IOException, InterruptedException {
    byte[] original;
    try (InputStream in = SamzaJobs.class.getResourceAsStream("/samza-compat/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("no resource samza-compat/" + resource);
      }
      original = (new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n" + extraLines + "\n")
          .getBytes(StandardCharsets.UTF_8);
    }
    Process sed = new ProcessBuilder("sed", SED_SCRIPT).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> {
      try (InputStream in = sed.getInputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    reader.start();
    try (OutputStream in = sed.getOutputStream()) {
      in.write(original);
    }
    if (!sed.waitFor(30, TimeUnit.SECONDS) || sed.exitValue() != 0) {
      sed.destroyForcibly();
      throw new AssertionError("sed failed: " + out.toString(StandardCharsets.UTF_8));
    }
    reader.join(10_000);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Fills the test's {@code ${NAME}} placeholders (topics, broker, directories: test plumbing, not
   * part of the port), writes the file and loads it as {@code run-job --config-path} does.
   */
  static Config load(String text, Map<String, String> placeholders, Path dir) throws IOException {
    String filled = text;
    for (Map.Entry<String, String> e : placeholders.entrySet()) {
      filled = filled.replace("${" + e.getKey() + "}", e.getValue());
    }
    Path file = dir.resolve("job.properties");
    Files.writeString(file, filled, StandardCharsets.UTF_8);
    return new ConfigLoader(Map.<String, String>of()::get).load(file);
  }

  /** Validates as {@code run-job} does, runs the job with its runner until the condition holds, stops it. */
  static JobStatus runUntil(Config config, BooleanSupplier condition, Duration deadline) throws InterruptedException {
    ContainerChecks.validator().validate(config);
    StreamJobFactory factory = config.newInstance(JobConfig.JOB_FACTORY_CLASS, StreamJobFactory.class).orElseThrow();
    StreamJob job = factory.getJob(config);
    job.submit();
    long end = System.nanoTime() + deadline.toNanos();
    try {
      while (!condition.getAsBoolean()) {
        JobStatus status = job.waitForFinish(200);
        if (status.isFinished()) {
          throw new AssertionError("job ended with " + status + " before its output was complete");
        }
        if (System.nanoTime() > end) {
          throw new AssertionError("job output not complete within " + deadline);
        }
      }
      job.kill();
      return job.waitForFinish(30_000);
    } finally {
      if (!job.status().isFinished()) {
        job.kill();
        job.waitForFinish(30_000);
      }
    }
  }

  /** Values of a topic, in offset order (one partition). */
  static List<String> values(KafkaTestClient client, String topic) {
    return client.readAll(topic).stream().map(ConsumerRecord::value).toList();
  }

  static void assertSameWordCounts(List<String> values) {
    assertEquals(List.of("to=1", "be=1", "or=1", "not=1", "to=2", "be=2"), values,
        "a word=count record per input word, counted in the store typed by Samza's cast");
  }

  static final List<String> WORDS = List.of("to", "be", "or", "not", "to", "be");
}
