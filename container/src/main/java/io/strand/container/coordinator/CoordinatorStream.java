package io.strand.container.coordinator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strand.changelog.topic.PartitionReadiness;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystem;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.JobModel;
import io.strand.container.model.JobModelJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's coordinator topic, {@code __strand-coordinator-<job.name>-<job.id>}: one compacted
 * partition holding the job's shared facts, each the latest record of its key:
 *
 * <ul>
 *   <li>{@value #JOB_MODEL_KEY}: the job model, as {@link JobModelJson} (versioned JSON);</li>
 *   <li>{@code container-host:<id>}: where container {@code id} last ran,
 *       {@code {"version":1,"containerId":"0","host":"h1","updatedMs":1700000000000}}
 *       (for host affinity);</li>
 *   <li>{@code query-endpoint:<id>}: where container {@code id} serves queries over HTTP
 *       ({@code io.strand.container.query.QueryEndpoints}).</li>
 * </ul>
 *
 * <p>Keys and values are UTF-8 text. The topic is created on first use (one partition, compacted,
 * the broker's default replication factor). Readers read from the beginning to the end offset
 * taken when they start, keeping the last value per key.
 *
 * <p>Threading: not thread-safe; one owner at a time. Clients are made lazily and closed by
 * {@link #close()}.
 */
public final class CoordinatorStream implements AutoCloseable {

  /** The key of the job model record. */
  public static final String JOB_MODEL_KEY = "job-model";
  /** The key prefix of container-to-host records. */
  public static final String CONTAINER_HOST_PREFIX = "container-host:";
  /** The version of the container-to-host record format. */
  public static final int CONTAINER_HOST_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorStream.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaSystem system;
  private final String topic;
  private final String clientIdBase;
  private KafkaProducer<byte[], byte[]> producer;

  /**
   * Wraps the coordinator topic of a job; nothing is contacted until a read or write.
   *
   * @param system the system holding the topic
   * @param job the job, which names the topic
   */
  public CoordinatorStream(KafkaSystem system, JobIdentity job) {
    this.system = system;
    this.topic = job.coordinatorTopic();
    this.clientIdBase = job.clientId("coordinator");
  }

  /**
   * The coordinator topic the job's settings name.
   *
   * @param settings the job's coordinator settings
   * @param systems the job's systems
   * @return the coordinator stream
   * @throws io.strand.config.ConfigException naming {@code systems.<s>} if the coordinator system
   *     is not configured
   */
  public static CoordinatorStream create(CoordinatorSettings settings, KafkaSystems systems) {
    return new CoordinatorStream(systems.get(settings.system()), settings.job());
  }

  /**
   * The topic name.
   *
   * @return {@code __strand-coordinator-<job.name>-<job.id>}
   */
  public String topic() {
    return topic;
  }

  /**
   * Creates the topic if it is missing; a concurrent creation is fine.
   *
   * @throws IllegalStateException if Kafka refuses or does not answer within 30 s
   */
  public void ensureTopic() {
    try (Admin admin = system.newAdmin(clientIdBase + "-admin")) {
      NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      PartitionReadiness.awaitServed(admin, Map.of(topic, 1), TIMEOUT);
      LOG.info("Created coordinator topic '{}' on system '{}'", topic, system.name());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create coordinator topic '" + topic + "' on system '"
            + system.name() + "' (" + system.bootstrapServers() + "): " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating coordinator topic '" + topic + "' on system '" + system.name()
          + "' (" + system.bootstrapServers() + ") got no answer within " + TIMEOUT.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating coordinator topic '" + topic + "'", e);
    }
  }

  /**
   * The latest job model.
   *
   * @return the model, or empty if none was ever written
   * @throws IllegalStateException if the topic cannot be read
   * @throws IllegalArgumentException if the stored model is of an unknown version
   */
  public Optional<JobModel> readJobModel() {
    return Optional.ofNullable(readAll().get(JOB_MODEL_KEY)).map(JobModelJson::fromJson);
  }

  /**
   * Writes a job model and waits for the broker's acknowledgement.
   *
   * @param model the model
   * @throws IllegalStateException if the write fails
   */
  public void writeJobModel(JobModel model) {
    write(JOB_MODEL_KEY, JobModelJson.toJson(model));
  }

  /**
   * Records the host a container runs on and waits for the broker's acknowledgement.
   *
   * @param containerId the container id
   * @param host the host name
   * @throws IllegalStateException if the write fails
   */
  public void writeContainerHost(String containerId, String host) {
    ObjectNode value = MAPPER.createObjectNode();
    value.put("version", CONTAINER_HOST_VERSION);
    value.put("containerId", containerId);
    value.put("host", host);
    value.put("updatedMs", System.currentTimeMillis());
    write(CONTAINER_HOST_PREFIX + containerId, value.toString());
  }

  /**
   * The last known host of every container that recorded one.
   *
   * @return host by container id, sorted by id
   * @throws IllegalStateException if the topic cannot be read
   * @throws IllegalArgumentException if a record is not of a known version
   */
  public Map<String, String> readContainerHosts() {
    Map<String, String> hosts = new TreeMap<>();
    readAll().forEach((key, value) -> {
      if (key.startsWith(CONTAINER_HOST_PREFIX)) {
        JsonNode node = parse(key, value);
        if (node.path("version").asInt(-1) != CONTAINER_HOST_VERSION) {
          throw new IllegalArgumentException("coordinator record '" + key + "' has version " + node.get("version")
              + "; this Strand reads version " + CONTAINER_HOST_VERSION);
        }
        hosts.put(key.substring(CONTAINER_HOST_PREFIX.length()), node.path("host").asText());
      }
    });
    return hosts;
  }

  /**
   * Every key's latest value, read from the beginning to the current end of the topic.
   *
   * @return value by key; keys whose latest record is a tombstone are absent; empty if the topic
   *     does not exist
   * @throws IllegalStateException if the end is not reached within 30 s
   */
  public Map<String, String> readAll() {
    Map<String, String> latest = new HashMap<>();
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> consumer = system.newConsumer(clientIdBase + "-reader",
        Map.of("allow.auto.create.topics", "false"))) {
      if (consumer.partitionsFor(topic, TIMEOUT).isEmpty()) {
        return latest;
      }
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(partition, TIMEOUT) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading coordinator topic '" + topic + "' did not reach offset " + end
              + " within " + TIMEOUT.toMillis() + " ms");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() == null) {
            continue; // not ours; the topic is keyed by record type
          }
          String key = new String(record.key(), StandardCharsets.UTF_8);
          if (record.value() == null) {
            latest.remove(key);
          } else {
            latest.put(key, new String(record.value(), StandardCharsets.UTF_8));
          }
        }
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new IllegalStateException("cannot read coordinator topic '" + topic + "' on system '" + system.name()
          + "' (" + system.bootstrapServers() + "): " + e.getMessage(), e);
    }
    return latest;
  }

  /**
   * Writes one record of another part's format (for example queryable state's
   * {@code query-endpoint:<id>}) and waits for the broker's acknowledgement; the part documents its
   * key and value.
   *
   * @param key the record key
   * @param value the value, or null for a tombstone (the key is then absent from {@link #readAll})
   * @throws IllegalStateException if the write fails
   */
  public void writeRecord(String key, String value) {
    write(key, value);
  }

  private void write(String key, String value) {
    if (producer == null) {
      // Every write is awaited at once: a linger would only delay it.
      producer = system.newProducer(clientIdBase + "-writer", Map.of(ProducerConfig.LINGER_MS_CONFIG, "0"));
    }
    try {
      producer.send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8),
          value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write '" + key + "' to coordinator topic '" + topic + "': "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("writing '" + key + "' to coordinator topic '" + topic
          + "' was not acknowledged within " + TIMEOUT.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to coordinator topic '" + topic + "'", e);
    }
  }

  private static JsonNode parse(String key, String value) {
    try {
      return MAPPER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("coordinator record '" + key + "' is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Closes the producer, if one was made. */
  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
