package io.strand.testkit.kafka;

import java.util.Map;

/**
 * The job config lines that the test jobs of every module share: one Kafka system named
 * {@code kafka} on the test broker, with string keys and messages, reading new inputs from their
 * oldest offset (Samza's {@code systems.<s>.samza.*} keys).
 *
 * <p>Threading: stateless.
 */
public final class TestJobConfigs {

  private TestJobConfigs() {}

  /**
   * Puts the {@code kafka} system: producer bootstrap servers, string key and message serdes,
   * oldest offset for inputs without a checkpoint.
   *
   * @param config the job config being built
   * @param bootstrapServers the test broker's bootstrap servers
   */
  public static void putStringKafkaSystem(Map<String, String> config, String bootstrapServers) {
    config.put("systems.kafka.producer.bootstrap.servers", bootstrapServers);
    config.put("systems.kafka.samza.key.serde", "string");
    config.put("systems.kafka.samza.msg.serde", "string");
    config.put("systems.kafka.samza.offset.default", "oldest");
  }

  /**
   * Marks an input of the {@code kafka} system bounded: the job ends once it has processed the
   * topic up to the end offsets it had at start.
   *
   * @param config the job config being built
   * @param topic the input topic
   */
  public static void putBoundedInput(Map<String, String> config, String topic) {
    config.put("systems.kafka.streams." + topic + ".strand.bounded", "true");
  }
}
