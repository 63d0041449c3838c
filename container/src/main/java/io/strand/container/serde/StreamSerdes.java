package io.strand.container.serde;

import io.strand.config.Config;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.serializers.Serde;
import io.strand.serdes.Serdes;
import io.strand.system.SystemStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the serdes of input and output streams from {@code systems.<s>.samza.key.serde} /
 * {@code .samza.msg.serde} with the per-stream overrides under
 * {@code systems.<s>.streams.<stream>.}, as Samza's serde manager does. Each registry name is
 * turned into a serde once ({@link Serdes#fromConfig}) and shared by every stream that uses it.
 *
 * <p>Threading: thread-safe (resolution may happen lazily from any task thread for outputs).
 */
public final class StreamSerdes {

  private final Config config;
  private final SystemConfig systems;
  private final Map<String, Serde<Object>> byName = new ConcurrentHashMap<>();
  private final Map<SystemStream, SerdePair> byStream = new ConcurrentHashMap<>();

  /**
   * Reads serdes from the job config.
   *
   * @param config the whole job config
   */
  public StreamSerdes(Config config) {
    this.config = config;
    this.systems = new SystemConfig(config);
  }

  /**
   * The serdes of one stream.
   *
   * @param stream the stream
   * @return its serdes; null members mean byte[] pass-through
   * @throws io.strand.config.ConfigException if a configured serde name cannot be resolved
   */
  public SerdePair forStream(SystemStream stream) {
    SerdePair known = byStream.get(stream);
    if (known != null) {
      return known;
    }
    StreamName name = new StreamName(stream.system(), stream.stream());
    Optional<String> key = systems.getKeySerde(name);
    Optional<String> msg = systems.getMsgSerde(name);
    SerdePair pair = new SerdePair(stream, key.orElse(null), key.map(this::named).orElse(null), msg.orElse(null),
        msg.map(this::named).orElse(null));
    SerdePair raced = byStream.putIfAbsent(stream, pair);
    return raced != null ? raced : pair;
  }

  private Serde<Object> named(String name) {
    return byName.computeIfAbsent(name, n -> Serdes.fromConfig(n, config));
  }
}
