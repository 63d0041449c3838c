package io.strand.container.kafka;

import io.strand.config.Config;
import io.strand.config.view.SystemConfig;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The named Kafka systems of one job ({@code systems.<name>.*}), each with its own bootstrap
 * servers and client settings.
 *
 * <p>Threading: thread-safe; systems are built on first use and then shared.
 */
public final class KafkaSystems {

  private final Config config;
  private final SortedSet<String> names;
  private final Map<String, KafkaSystem> systems = new ConcurrentHashMap<>();

  /**
   * Wraps the job config; no client is made and no system is checked until {@link #get(String)}.
   *
   * @param config the whole job config
   */
  public KafkaSystems(Config config) {
    this.config = config;
    this.names = Collections.unmodifiableSortedSet(new SystemConfig(config).getSystemNames());
  }

  /**
   * One system.
   *
   * @param system the system name
   * @return the system
   * @throws io.strand.config.ConfigException naming {@code systems.<system>} when the system is not
   *     configured or has no bootstrap servers
   */
  public KafkaSystem get(String system) {
    KafkaSystem known = systems.get(system);
    if (known != null) {
      return known;
    }
    if (!names.contains(system)) {
      throw config.problem(SystemConfig.systemKey(system, "producer.bootstrap.servers"),
          "system '" + system + "' is not configured (no systems." + system + ".* keys); configured systems: "
              + names);
    }
    return systems.computeIfAbsent(system, s -> KafkaSystem.fromConfig(s, config));
  }

  /**
   * The configured system names.
   *
   * @return the names, sorted
   */
  public Set<String> names() {
    return names;
  }
}
