package io.strand.container.assembly;

import io.strand.config.Config;
import io.strand.config.view.OffsetDefault;
import io.strand.config.view.StreamName;
import io.strand.config.view.DeliveryGuarantee;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.checkpoint.StreamStart;
import io.strand.system.SystemStream;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the container treats one input stream, read once from the job config: bootstrap (as
 * Samza's {@code samza.bootstrap}: read to the end offset seen at start before any other input of
 * the task, implicitly highest priority, and by default reset to the oldest offset on every
 * start), priority ({@code samza.priority}, higher first), bounded ({@value #BOUNDED}: the stream
 * ends at the end offset seen at start), where it starts without a checkpoint, and whether its
 * consumer reads committed records only.
 *
 * <p>Threading: immutable.
 *
 * @param bootstrap {@code systems.<s>.streams.<stream>.samza.bootstrap}
 * @param bounded {@code systems.<s>.streams.<stream>.}{@value #BOUNDED}
 * @param priority {@code samza.priority}, or {@link Integer#MAX_VALUE} for a bootstrap stream
 * @param start offset default and reset flag; a bootstrap stream defaults to {@code oldest} and
 *     {@code samza.reset.offset=true} unless those are set for the stream explicitly
 * @param readCommitted whether the system's consumer has {@code isolation.level=read_committed},
 *     so end offsets must be last stable offsets
 */
record InputStreamSettings(boolean bootstrap, boolean bounded, int priority, StreamStart start,
    boolean readCommitted) {

  /** Per-stream suffix {@code systems.<s>.streams.<stream>.strand.bounded}: the input ends at its end offset. */
  static final String BOUNDED = "strand.bounded";

  InputStreamSettings {
    Objects.requireNonNull(start, "start");
  }

  /**
   * Reads the settings of the container's input streams.
   *
   * @param config the job config
   * @param streams the container's input streams
   * @return the settings of each stream, sorted by stream
   * @throws io.strand.config.ConfigException if a per-stream value is malformed
   */
  static Map<SystemStream, InputStreamSettings> fromConfig(Config config, Collection<SystemStream> streams) {
    SystemConfig systems = new SystemConfig(config);
    boolean exactlyOnce = new TaskConfig(config).getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE;
    Map<SystemStream, InputStreamSettings> settings = new TreeMap<>();
    for (SystemStream s : streams) {
      StreamName name = new StreamName(s.system(), s.stream());
      boolean bootstrap = systems.isBootstrap(name);
      boolean bounded = config.getBoolean(SystemConfig.streamKey(name, BOUNDED), false);
      int priority = bootstrap ? Integer.MAX_VALUE : systems.getPriority(name);
      // A bootstrap stream is re-read from the oldest offset on every start, unless set otherwise for it.
      boolean oldestForBootstrap = bootstrap
          && !config.containsKey(SystemConfig.streamKey(name, SystemConfig.SAMZA_OFFSET_DEFAULT));
      boolean resetForBootstrap = bootstrap
          && !config.containsKey(SystemConfig.streamKey(name, SystemConfig.SAMZA_RESET_OFFSET));
      StreamStart start = new StreamStart(oldestForBootstrap ? OffsetDefault.OLDEST : systems.getOffsetDefault(name),
          resetForBootstrap || systems.isResetOffset(name));
      boolean readCommitted = exactlyOnce || "read_committed".equalsIgnoreCase(
          systems.getConsumerConfig(s.system()).get("isolation.level", "read_uncommitted").trim());
      settings.put(s, new InputStreamSettings(bootstrap, bounded, priority, start, readCommitted));
    }
    return settings;
  }
}
