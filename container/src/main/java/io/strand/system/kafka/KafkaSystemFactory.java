package io.strand.system.kafka;

import io.strand.config.Config;
import io.strand.container.kafka.KafkaSystem;

/**
 * The name a system is declared with ({@code systems.<s>.samza.factory=io.strand.system.kafka.KafkaSystemFactory},
 * Samza's {@code org.apache.samza.system.kafka.KafkaSystemFactory}, and what
 * {@code KafkaSystemDescriptor} writes): Strand's only kind of system. The key is optional, since
 * every system is a Kafka cluster; any other factory is rejected at validation. A thin alias of
 * {@link KafkaSystem#fromConfig}.
 *
 * <p>Threading: stateless.
 */
public final class KafkaSystemFactory {

  /** Creates the factory. */
  public KafkaSystemFactory() {}

  /**
   * The Kafka clients' settings of one system, as the container reads them.
   *
   * @param systemName the system name
   * @param config the whole job configuration
   * @return the system
   * @throws io.strand.config.ConfigException if the system has no bootstrap servers
   */
  public KafkaSystem getSystem(String systemName, Config config) {
    return KafkaSystem.fromConfig(systemName, config);
  }
}
