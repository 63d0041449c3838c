package io.strand.container;

import io.strand.config.Config;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.system.SystemStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How the container treats each input stream: bootstrap (as Samza's {@code samza.bootstrap}:
 * read to the end offset seen at start before any other input of the task, implicitly highest
 * priority, and by default reset to the oldest offset on every start), priority
 * ({@code samza.priority}, higher first) and bounded ({@value #BOUNDED}: the stream ends at the
 * end offset seen at start).
 *
 * <p>Threading: immutable.
 */
final class InputStreamSettings {

  /** Per-stream suffix {@code systems.<s>.streams.<stream>.strand.bounded}: the input ends at its end offset at start. */
  static final String BOUNDED = "strand.bounded";

  private final Config config;
  private final SystemConfig systems;

  InputStreamSettings(Config config) {
    this.config = config;
    this.systems = new SystemConfig(config);
  }

  boolean bootstrap(SystemStream s) {
    return systems.isBootstrap(name(s));
  }

  boolean bounded(SystemStream s) {
    return config.getBoolean(SystemConfig.streamKey(name(s), BOUNDED), false);
  }

  int priority(SystemStream s) {
    return bootstrap(s) ? Integer.MAX_VALUE : systems.getPriority(name(s));
  }

  /**
   * The config to compute starting offsets with: bootstrap streams get
   * {@code samza.offset.default=oldest} and {@code samza.reset.offset=true} unless those are set
   * for the stream explicitly.
   *
   * @param streams the container's input streams
   * @return the config, with those defaults laid over
   */
  Config offsetConfig(Collection<SystemStream> streams) {
    Map<String, String> defaults = new HashMap<>();
    for (SystemStream s : streams) {
      if (bootstrap(s)) {
        String offsetDefault = SystemConfig.streamKey(name(s), SystemConfig.SAMZA_OFFSET_DEFAULT);
        String reset = SystemConfig.streamKey(name(s), SystemConfig.SAMZA_RESET_OFFSET);
        if (!config.containsKey(offsetDefault)) {
          defaults.put(offsetDefault, "oldest");
        }
        if (!config.containsKey(reset)) {
          defaults.put(reset, "true");
        }
      }
    }
    return defaults.isEmpty() ? config : config.withOverrides(defaults, "bootstrap stream defaults");
  }

  /**
   * Whether the consumer of a system reads only committed records, so end offsets must be last
   * stable offsets.
   *
   * @param system the system
   * @return true for {@code isolation.level=read_committed}
   */
  boolean readCommitted(String system) {
    return "read_committed".equalsIgnoreCase(
        systems.getConsumerConfig(system).get("isolation.level", "read_uncommitted").trim());
  }

  private static StreamName name(SystemStream s) {
    return new StreamName(s.system(), s.stream());
  }
}
