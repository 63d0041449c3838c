package io.strand.config.view;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The per-system keys {@code systems.<s>.*} and per-stream keys
 * {@code systems.<s>.streams.<stream>.*}, with Samza's names and defaults.
 *
 * <p>Per-stream settings fall back to the system's where Samza's do: the offset default and
 * the serdes. The consumer and producer subsets are passed through untouched, so Kafka client
 * properties ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) work as written.
 *
 * <p>Getters parse on every call and throw {@link ConfigException} naming the key and source
 * when a value is malformed. Threading: immutable; safe to share between threads.
 */
public final class SystemConfig {

  /** Prefix of every system key: {@code systems.<s>.<suffix>}. */
  public static final String SYSTEMS_PREFIX = "systems.";
  /** Infix of per-stream keys: {@code systems.<s>.streams.<stream>.<suffix>}. */
  public static final String STREAMS_INFIX = "streams.";
  /** Suffix: the system factory class (optional; Strand's systems are Kafka). */
  public static final String SAMZA_FACTORY = "samza.factory";
  /** Suffix (system or stream): the serde name for message keys. */
  public static final String SAMZA_KEY_SERDE = "samza.key.serde";
  /** Suffix (system or stream): the serde name for message values. */
  public static final String SAMZA_MSG_SERDE = "samza.msg.serde";
  /** Suffix (system or stream): {@code upcoming} (default) or {@code oldest}, used without a checkpoint. */
  public static final String SAMZA_OFFSET_DEFAULT = "samza.offset.default";
  /** Suffix (stream): ignore the checkpoint and start at the offset default; default false. */
  public static final String SAMZA_RESET_OFFSET = "samza.reset.offset";
  /** Suffix (stream): read to the end before any other input is delivered; default false. */
  public static final String SAMZA_BOOTSTRAP = "samza.bootstrap";
  /** Suffix (stream): higher is chosen first when several inputs have messages; default -1. */
  public static final String SAMZA_PRIORITY = "samza.priority";
  /**
   * Suffix (stream): Samza's; the input is an intermediate stream a job writes and reads itself
   * (the streams API's repartition topics): the job coordinator creates it before planning, with
   * the largest partition count of the job's other inputs; default false.
   */
  public static final String SAMZA_INTERMEDIATE = "samza.intermediate";
  /**
   * Suffix (stream): Strand's; the input ends at the end offset seen at start; default false.
   * The container reads it; it is named here so the validator knows it.
   */
  public static final String STRAND_BOUNDED = "strand.bounded";
  /**
   * The per-stream settings that only an input uses: on a stream the job does not read they do
   * nothing, which the validator reports.
   */
  public static final Set<String> INPUT_STREAM_SETTINGS = Set.of(SAMZA_OFFSET_DEFAULT, SAMZA_RESET_OFFSET,
      SAMZA_BOOTSTRAP, SAMZA_PRIORITY, SAMZA_INTERMEDIATE, STRAND_BOUNDED);
  /** The per-stream {@code strand.*} settings there are; any other is a mistake. */
  public static final Set<String> STRAND_STREAM_SETTINGS = Set.of(STRAND_BOUNDED);
  /** Suffix prefix: Kafka consumer properties, passed through. */
  public static final String CONSUMER_PREFIX = "consumer.";
  /** Suffix prefix: Kafka producer properties, passed through. */
  public static final String PRODUCER_PREFIX = "producer.";

  /** Default of {@link #SAMZA_OFFSET_DEFAULT}, as Samza's. */
  public static final OffsetDefault DEFAULT_OFFSET_DEFAULT = OffsetDefault.UPCOMING;
  /** Default of {@link #SAMZA_PRIORITY}, as Samza's. */
  public static final int DEFAULT_PRIORITY = -1;

  private static final String STREAM_SETTING_MARK = ".samza.";

  private final Config config;

  /**
   * Creates the view.
   *
   * @param config the whole job configuration
   */
  public SystemConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The key of a system-level setting.
   *
   * @param system the system name
   * @param suffix the setting, for example {@link #SAMZA_MSG_SERDE}
   * @return {@code systems.<system>.<suffix>}
   */
  public static String systemKey(String system, String suffix) {
    return SYSTEMS_PREFIX + system + "." + suffix;
  }

  /**
   * The key of a per-stream setting.
   *
   * @param stream the stream
   * @param suffix the setting, for example {@link #SAMZA_BOOTSTRAP}
   * @return {@code systems.<system>.streams.<stream>.<suffix>}
   */
  public static String streamKey(StreamName stream, String suffix) {
    return SYSTEMS_PREFIX + stream.system() + "." + STREAMS_INFIX + stream.stream() + "." + suffix;
  }

  /**
   * The systems that have at least one {@code systems.<s>.*} key.
   *
   * @return system names, sorted
   */
  public SortedSet<String> getSystemNames() {
    return Values.namesUnder(config, SYSTEMS_PREFIX);
  }

  /**
   * The streams of a system that have at least one {@code samza.*} per-stream setting. A stream
   * name may contain dots; it ends at the last {@code .samza.} of the key.
   *
   * @param system the system name
   * @return the streams, sorted by name
   */
  public SortedSet<StreamName> getConfiguredStreams(String system) {
    SortedSet<StreamName> streams = new TreeSet<>((a, b) -> a.stream().compareTo(b.stream()));
    for (String rest : config.subset(systemKey(system, STREAMS_INFIX)).keySet()) {
      int mark = rest.lastIndexOf(STREAM_SETTING_MARK);
      if (mark > 0) {
        streams.add(new StreamName(system, rest.substring(0, mark)));
      }
    }
    return Collections.unmodifiableSortedSet(streams);
  }

  /**
   * {@code systems.<s>.samza.factory}.
   *
   * @param system the system name
   * @return the factory class name, or empty when unset
   */
  public Optional<String> getFactoryClass(String system) {
    return Values.nonBlank(config, systemKey(system, SAMZA_FACTORY));
  }

  /**
   * {@code systems.<s>.samza.key.serde}.
   *
   * @param system the system name
   * @return the serde name, or empty when unset (keys stay bytes)
   */
  public Optional<String> getKeySerde(String system) {
    return Values.nonBlank(config, systemKey(system, SAMZA_KEY_SERDE));
  }

  /**
   * {@code systems.<s>.samza.msg.serde}.
   *
   * @param system the system name
   * @return the serde name, or empty when unset (values stay bytes)
   */
  public Optional<String> getMsgSerde(String system) {
    return Values.nonBlank(config, systemKey(system, SAMZA_MSG_SERDE));
  }

  /**
   * {@code systems.<s>.samza.offset.default}.
   *
   * @param system the system name
   * @return where to start without a checkpoint; default {@link OffsetDefault#UPCOMING}
   * @throws ConfigException if neither {@code upcoming} nor {@code oldest}
   */
  public OffsetDefault getOffsetDefault(String system) {
    return offsetDefault(systemKey(system, SAMZA_OFFSET_DEFAULT)).orElse(DEFAULT_OFFSET_DEFAULT);
  }

  /**
   * The Kafka consumer properties of a system, {@code systems.<s>.consumer.*} with the prefix
   * removed.
   *
   * @param system the system name
   * @return the subset (its {@code toString} masks secrets); empty when none are set
   */
  public Config getConsumerConfig(String system) {
    return config.subset(systemKey(system, CONSUMER_PREFIX));
  }

  /**
   * The Kafka producer properties of a system, {@code systems.<s>.producer.*} with the prefix
   * removed.
   *
   * @param system the system name
   * @return the subset (its {@code toString} masks secrets); empty when none are set
   */
  public Config getProducerConfig(String system) {
    return config.subset(systemKey(system, PRODUCER_PREFIX));
  }

  /**
   * The stream's {@code samza.offset.default}, else the system's, else upcoming.
   *
   * @param stream the stream
   * @return where to start on this stream without a checkpoint
   * @throws ConfigException if the value that applies is neither {@code upcoming} nor {@code oldest}
   */
  public OffsetDefault getOffsetDefault(StreamName stream) {
    Optional<OffsetDefault> own = offsetDefault(streamKey(stream, SAMZA_OFFSET_DEFAULT));
    return own.isPresent() ? own.get() : getOffsetDefault(stream.system());
  }

  /**
   * {@code systems.<s>.streams.<stream>.samza.reset.offset}.
   *
   * @param stream the stream
   * @return whether to ignore the checkpoint and start at the offset default; default false
   * @throws ConfigException if neither true nor false
   */
  public boolean isResetOffset(StreamName stream) {
    return config.getBoolean(streamKey(stream, SAMZA_RESET_OFFSET), false);
  }

  /**
   * {@code systems.<s>.streams.<stream>.samza.bootstrap}.
   *
   * @param stream the stream
   * @return whether the stream is read to its end before other inputs; default false
   * @throws ConfigException if neither true nor false
   */
  public boolean isBootstrap(StreamName stream) {
    return config.getBoolean(streamKey(stream, SAMZA_BOOTSTRAP), false);
  }

  /**
   * {@code systems.<s>.streams.<stream>.samza.intermediate}.
   *
   * @param stream the stream
   * @return whether the job creates and reads the stream itself; default false
   * @throws ConfigException if neither true nor false
   */
  public boolean isIntermediate(StreamName stream) {
    return config.getBoolean(streamKey(stream, SAMZA_INTERMEDIATE), false);
  }

  /**
   * {@code systems.<s>.streams.<stream>.samza.priority}.
   *
   * @param stream the stream
   * @return the priority, higher first; default {@value #DEFAULT_PRIORITY}
   * @throws ConfigException if not a whole number
   */
  public int getPriority(StreamName stream) {
    return config.getInt(streamKey(stream, SAMZA_PRIORITY), DEFAULT_PRIORITY);
  }

  /**
   * The stream's {@code samza.key.serde}, else the system's.
   *
   * @param stream the stream
   * @return the serde name for this stream's keys, or empty when neither is set
   */
  public Optional<String> getKeySerde(StreamName stream) {
    return Values.nonBlank(config, streamKey(stream, SAMZA_KEY_SERDE)).or(() -> getKeySerde(stream.system()));
  }

  /**
   * The stream's {@code samza.msg.serde}, else the system's.
   *
   * @param stream the stream
   * @return the serde name for this stream's values, or empty when neither is set
   */
  public Optional<String> getMsgSerde(StreamName stream) {
    return Values.nonBlank(config, streamKey(stream, SAMZA_MSG_SERDE)).or(() -> getMsgSerde(stream.system()));
  }

  /**
   * The configuration this view reads.
   *
   * @return the whole configuration
   */
  public Config config() {
    return config;
  }

  private Optional<OffsetDefault> offsetDefault(String key) {
    return Values.parsed(config, key, OffsetDefault::tryParse, "upcoming or oldest");
  }
}
