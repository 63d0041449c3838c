package io.strand.container.checkpoint;

import io.strand.config.Config;
import io.strand.config.view.OffsetDefault;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.system.SystemStream;
import java.util.Objects;

/**
 * Where the consumer of one input stream starts when there is no checkpoint to go on, and whether
 * to ignore the checkpoint: Samza's {@code samza.offset.default} and {@code samza.reset.offset}.
 *
 * <p>Threading: immutable.
 *
 * @param offsetDefault the stream's {@code samza.offset.default}, else the system's, else
 *     {@code upcoming}
 * @param resetOffset {@code systems.<s>.streams.<stream>.samza.reset.offset}: start at the
 *     offset default even when a checkpoint exists
 */
public record StreamStart(OffsetDefault offsetDefault, boolean resetOffset) {

  /**
   * Checks the default is present.
   *
   * @throws NullPointerException if {@code offsetDefault} is null
   */
  public StreamStart {
    Objects.requireNonNull(offsetDefault, "offsetDefault");
  }

  /**
   * Reads a stream's settings as configured.
   *
   * @param config the job config
   * @param stream the input stream
   * @return the settings
   * @throws io.strand.config.ConfigException if a {@code samza.offset.default} or
   *     {@code samza.reset.offset} value that applies is invalid
   */
  public static StreamStart fromConfig(Config config, SystemStream stream) {
    SystemConfig systems = new SystemConfig(config);
    StreamName name = new StreamName(stream.system(), stream.stream());
    return new StreamStart(systems.getOffsetDefault(name), systems.isResetOffset(name));
  }
}
