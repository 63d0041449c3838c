package io.strand.testkit.job;

import io.strand.config.Config;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.StreamName;
import io.strand.container.runner.JobStatus;
import io.strand.serializers.Serde;
import io.strand.serdes.Serdes;
import io.strand.testkit.kafka.KafkaTestClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a {@link JobTestRunner} run left behind: the job's final status, its output topics and its
 * stores' contents. Everything is read from the real broker when asked, so a test sees exactly
 * what a downstream consumer or a restarted container would see.
 *
 * <p>Threading: immutable apart from the broker reads; use from the test thread.
 */
public final class JobTestResult {

  private final JobStatus status;
  private final Config config;
  private final KafkaTestClient client;

  JobTestResult(JobStatus status, Config config, KafkaTestClient client) {
    this.status = status;
    this.config = config;
    this.client = client;
  }

  /**
   * The job's status when the run ended: SUCCEEDED when every bounded input ended, KILLED when the
   * run stopped it on a condition, FAILED with the cause otherwise.
   *
   * @return the status
   */
  public JobStatus status() {
    return status;
  }

  /**
   * The configuration the job ran with, including what the runner added.
   *
   * @return the configuration
   */
  public Config config() {
    return config;
  }

  /**
   * Every record of an output topic, as UTF-8 text, in partition then offset order.
   *
   * @param topic the topic, for example {@code word-counts}
   * @return the records (read_committed)
   */
  public List<ConsumerRecord<String, String>> output(String topic) {
    return client.readAll(topic);
  }

  /**
   * The values of an output topic, as UTF-8 text.
   *
   * @param topic the topic
   * @return the values, in partition then offset order
   */
  public List<String> outputValues(String topic) {
    return output(topic).stream().map(ConsumerRecord::value).toList();
  }

  /**
   * The contents of a changelogged store as its changelog holds them: the latest value of every
   * key, deletions applied, keys and values decoded with the store's own serdes
   * ({@code stores.<name>.key.serde} / {@code .msg.serde}). This is the state a restarted
   * container restores.
   *
   * @param store the store name, as in {@code stores.<name>.*}
   * @return key to value, in changelog order of each key's latest write
   * @throws IllegalArgumentException if the store has no changelog
   */
  public Map<Object, Object> store(String store) {
    StorageConfig stores = new StorageConfig(config);
    StreamName changelog = stores.getChangelog(store).orElseThrow(() ->
        new IllegalArgumentException("store '" + store + "' has no changelog (stores." + store
            + ".changelog); JobTestRunner reads store contents from the changelog"));
    Serde<Object> keySerde = Serdes.fromConfig(stores.getKeySerde(store).orElse("bytes"), config);
    Serde<Object> valueSerde = Serdes.fromConfig(stores.getMsgSerde(store).orElse("bytes"), config);
    Map<Object, Object> contents = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : client.readAllBytes(changelog.stream())) {
      Object key = keySerde.fromBytes(record.key());
      contents.remove(key);
      if (record.value() != null) {
        contents.put(key, valueSerde.fromBytes(record.value()));
      }
    }
    return contents;
  }
}
