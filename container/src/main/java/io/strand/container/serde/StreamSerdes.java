package io.strand.container.serde;

import io.strand.serializers.Serde;
import io.strand.system.SystemStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The serdes of input and output streams: the names from {@link SerdeSettings}, each registry
 * name turned into a serde once (by the {@code serdeByName} function the container gives, which
 * is {@code io.strand.serdes.Serdes.fromConfig}) and shared by every stream that uses it, as
 * Samza's serde manager does. Output streams are resolved on their first send.
 *
 * <p>Threading: thread-safe (resolution may happen lazily from any task thread for outputs).
 */
public final class StreamSerdes {

  private final SerdeSettings settings;
  private final Function<String, Serde<Object>> serdeByName;
  private final Map<String, Serde<Object>> byName = new ConcurrentHashMap<>();
  private final Map<SystemStream, SerdePair> byStream = new ConcurrentHashMap<>();

  /**
   * Creates the resolver.
   *
   * @param settings which serde names each stream uses
   * @param serdeByName makes the serde of a registry name; called at most once per name; may
   *     throw {@link io.strand.config.ConfigException} for a name that cannot be resolved
   */
  public StreamSerdes(SerdeSettings settings, Function<String, Serde<Object>> serdeByName) {
    this.settings = settings;
    this.serdeByName = serdeByName;
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
    Optional<String> key = settings.keySerde(stream);
    Optional<String> msg = settings.msgSerde(stream);
    SerdePair pair = new SerdePair(stream, key.orElse(null), key.map(this::named).orElse(null), msg.orElse(null),
        msg.map(this::named).orElse(null));
    SerdePair raced = byStream.putIfAbsent(stream, pair);
    return raced != null ? raced : pair;
  }

  private Serde<Object> named(String name) {
    return byName.computeIfAbsent(name, serdeByName);
  }
}
