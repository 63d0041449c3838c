package io.strand.yarn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.yarn.YarnJob;
import io.strand.yarn.YarnJobFactory;
import io.strand.yarn.client.YarnApplications;
import io.strand.testkit.kafka.KafkaCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One run of the {@link MapTask} job on the test YARN: its topics, input (values 0 to
 * {@code 8 * perPartition - 1} dealt round-robin over 8 partitions), config, expected output, and
 * helpers to read the AM's {@code /status.json}.
 */
final class YarnTestJob {

  static final int PARTITIONS = 8;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long POLL_NANOS = 100_000_000L;

  final KafkaCluster kafka;
  final String jobName;
  final String input;
  final String output;
  final int perPartition;
  private final Map<String, String> entries = new TreeMap<>();
  private YarnJob yarnJob;
  private URI amUrl;

  YarnTestJob(KafkaCluster kafka, MiniYarn yarn, Path workDir, String prefix, int perPartition) {
    this.kafka = kafka;
    this.jobName = kafka.uniqueTopic(prefix);
    this.input = kafka.uniqueTopic(prefix + "-in");
    this.output = kafka.uniqueTopic(prefix + "-out");
    this.perPartition = perPartition;
    kafka.client().createTopic(input, PARTITIONS);
    kafka.client().createTopic(output, 4);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < PARTITIONS * perPartition; i++) {
      records.add(new ProducerRecord<>(input, i % PARTITIONS, null, String.valueOf(i)));
    }
    kafka.client().produce(records);
    entries.put("job.name", jobName);
    entries.put("job.container.count", "2");
    entries.put("job.factory.class", YarnJobFactory.class.getName());
    entries.put("task.class", MapTask.class.getName());
    entries.put("task.inputs", "kafka." + input);
    entries.put("task.commit.ms", "200");
    entries.put("task.shutdown.ms", "10000");
    entries.put("systems.kafka.producer.bootstrap.servers", kafka.bootstrapServers());
    entries.put("systems.kafka.samza.key.serde", "string");
    entries.put("systems.kafka.samza.msg.serde", "string");
    entries.put("systems.kafka.samza.offset.default", "oldest");
    entries.put("systems.kafka.streams." + input + ".strand.bounded", "true");
    entries.put("test.output", "kafka." + output);
    entries.put("strand.yarn.classpath", yarn.classpath());
    entries.put("strand.yarn.staging.dir", workDir.resolve("staging").toUri().toString());
    entries.put("cluster-manager.container.memory.mb", "384");
    entries.put("yarn.am.container.memory.mb", "384");
    entries.put("task.opts", "-Xmx200m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    entries.put("yarn.am.opts", "-Xmx200m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
  }

  YarnTestJob with(String key, String value) {
    if (value == null) {
      entries.remove(key);
    } else {
      entries.put(key, value);
    }
    return this;
  }

  Config config() {
    return Config.of(entries);
  }

  YarnJob submit(MiniYarn yarn) {
    yarnJob = new YarnJob(config(), yarn.conf());
    yarnJob.submit();
    return yarnJob;
  }

  /** Every output record each input maps to, by {@code <partition>:<offset>}. */
  Map<String, String> expected() {
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < PARTITIONS * perPartition; i++) {
      expected.put((i % PARTITIONS) + ":" + (i / PARTITIONS), String.valueOf(2 * i));
    }
    return expected;
  }

  List<ConsumerRecord<String, String>> readOutput() {
    return kafka.client().readAll(output);
  }

  /** The AM's base URL, once it registered. */
  Optional<URI> amUrl() {
    if (amUrl == null) {
      ApplicationReport report = yarnJob.report();
      amUrl = YarnApplications.amUrl(report).orElse(null);
    }
    return Optional.ofNullable(amUrl);
  }

  /** The AM's current {@code /status.json}, or empty while it cannot be reached. */
  Optional<JsonNode> status() {
    Optional<URI> am = amUrl();
    if (am.isEmpty()) {
      return Optional.empty();
    }
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(am.get().resolve("status.json")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(MAPPER.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Polls {@code /status.json} until the condition holds. */
  JsonNode awaitStatus(String what, Predicate<JsonNode> condition, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> status = status();
      if (status.isPresent()) {
        last = status.get();
        if (condition.test(last)) {
          return last;
        }
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new AssertionError("within " + timeoutMs + " ms: " + what + "; last status: " + last);
  }

  static JsonNode container(JsonNode status, String id) {
    for (JsonNode c : status.path("containers")) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no container " + id + " in " + status);
  }

  static boolean allRunning(JsonNode status) {
    for (JsonNode c : status.path("containers")) {
      if (!c.path("state").asText().equals("RUNNING")) {
        return false;
      }
    }
    return status.path("containers").size() > 0;
  }
}
