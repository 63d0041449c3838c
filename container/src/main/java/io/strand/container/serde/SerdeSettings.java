package io.strand.container.serde;

import io.strand.config.Config;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.system.SystemStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which serde (by registry name) each stream's keys and messages use, read once from the job
 * config as Samza's serde manager reads it: the stream's
 * {@code systems.<s>.streams.<stream>.samza.key.serde} / {@code .samza.msg.serde}, else the
 * system's {@code systems.<s>.samza.key.serde} / {@code .samza.msg.serde}, else none (raw
 * {@code byte[]} passes through).
 *
 * <p>Threading: immutable.
 *
 * @param systems the system-wide serde names, by system; systems without any are absent
 * @param streams the per-stream serde names, by stream; streams without their own are absent
 */
public record SerdeSettings(Map<String, Names> systems, Map<SystemStream, Names> streams) {

  /**
   * The serde names of one system or stream.
   *
   * @param key the key serde's registry name, or empty
   * @param msg the message serde's registry name, or empty
   */
  public record Names(Optional<String> key, Optional<String> msg) {

    /**
     * Checks the parts are present.
     *
     * @throws NullPointerException if a part is null
     */
    public Names {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(msg, "msg");
    }

    boolean isEmpty() {
      return key.isEmpty() && msg.isEmpty();
    }
  }

  private static final Names NONE = new Names(Optional.empty(), Optional.empty());

  /** Copies the maps. */
  public SerdeSettings {
    systems = Map.copyOf(systems);
    streams = Map.copyOf(streams);
  }

  /**
   * Reads every system's and every configured stream's serde names.
   *
   * @param config the job config
   * @return the settings
   */
  public static SerdeSettings fromConfig(Config config) {
    SystemConfig view = new SystemConfig(config);
    Map<String, Names> systems = new HashMap<>();
    Map<SystemStream, Names> streams = new HashMap<>();
    for (String system : view.getSystemNames()) {
      Names own = new Names(view.getKeySerde(system), view.getMsgSerde(system));
      if (!own.isEmpty()) {
        systems.put(system, own);
      }
      for (StreamName stream : view.getConfiguredStreams(system)) {
        Names names = new Names(nonBlank(config, SystemConfig.streamKey(stream, SystemConfig.SAMZA_KEY_SERDE)),
            nonBlank(config, SystemConfig.streamKey(stream, SystemConfig.SAMZA_MSG_SERDE)));
        if (!names.isEmpty()) {
          streams.put(new SystemStream(stream.system(), stream.stream()), names);
        }
      }
    }
    return new SerdeSettings(systems, streams);
  }

  /**
   * The key serde of a stream: its own, else its system's.
   *
   * @param stream the stream
   * @return the registry name, or empty when keys pass through as bytes
   */
  public Optional<String> keySerde(SystemStream stream) {
    return streams.getOrDefault(stream, NONE).key().or(() -> systems.getOrDefault(stream.system(), NONE).key());
  }

  /**
   * The message serde of a stream: its own, else its system's.
   *
   * @param stream the stream
   * @return the registry name, or empty when messages pass through as bytes
   */
  public Optional<String> msgSerde(SystemStream stream) {
    return streams.getOrDefault(stream, NONE).msg().or(() -> systems.getOrDefault(stream.system(), NONE).msg());
  }

  private static Optional<String> nonBlank(Config config, String key) {
    return config.get(key).map(String::trim).filter(s -> !s.isEmpty());
  }
}
