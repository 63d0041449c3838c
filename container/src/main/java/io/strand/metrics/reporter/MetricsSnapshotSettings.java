package io.strand.metrics.reporter;

import io.strand.config.Config;
import io.strand.config.view.SystemConfig;
import io.strand.system.SystemStream;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The settings of one snapshot reporter ({@link MetricsSnapshotReporterFactory}), Samza's keys.
 *
 * <p>Threading: an immutable value.
 *
 * @param stream {@code metrics.reporter.<name>.stream}: where snapshots go, {@code <system>.<topic>}
 *     of a configured Kafka system (required)
 * @param intervalMs {@code metrics.reporter.<name>.interval}: seconds between snapshots (default
 *     {@value #DEFAULT_INTERVAL_SECONDS}, as Samza), here in ms
 * @param blacklist {@code metrics.reporter.<name>.blacklist}, Samza's key: a Java regex; a meter
 *     whose {@code <group>.<name>} as written in the snapshot matches it as a whole is left out
 *     ({@link MetricsSnapshots#blacklisted}); empty when unset
 */
public record MetricsSnapshotSettings(SystemStream stream, long intervalMs, Optional<String> blacklist) {

  /** The setting naming the stream. */
  public static final String STREAM = "stream";
  /** The setting naming the interval, in seconds. */
  public static final String INTERVAL = "interval";
  /** The interval when none is set, in seconds. */
  public static final int DEFAULT_INTERVAL_SECONDS = 60;
  /** The setting naming the regex of meters not to send, Samza's. */
  public static final String BLACKLIST = "blacklist";

  /** Checks the parts are present. */
  public MetricsSnapshotSettings {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(blacklist, "blacklist");
  }

  /**
   * Settings that send every meter.
   *
   * @param stream where snapshots go
   * @param intervalMs ms between snapshots
   */
  public MetricsSnapshotSettings(SystemStream stream, long intervalMs) {
    this(stream, intervalMs, Optional.empty());
  }

  /**
   * The blacklist, compiled.
   *
   * @return the pattern, or empty when every meter is sent
   */
  public Optional<Pattern> blacklistPattern() {
    return blacklist.map(Pattern::compile);
  }

  /**
   * Reads one reporter's settings.
   *
   * @param name the reporter's name in {@code metrics.reporters}
   * @param config the whole job config
   * @return the settings
   * @throws io.strand.config.ConfigException naming the key: a missing or malformed stream, a stream
   *     of a system with no {@code systems.<system>.*} settings, an interval that is not a whole
   *     number of seconds from 1, a blacklist that is not a valid regex
   */
  public static MetricsSnapshotSettings fromConfig(String name, Config config) {
    String streamKey = MetricsReporterSettings.key(name, STREAM);
    String text = config.get(streamKey).map(String::trim).orElse("");
    if (text.isEmpty()) {
      throw config.problem(streamKey, "snapshot reporter '" + name + "' needs the stream to write to; expected"
          + " <system>.<topic>, for example kafka.metrics");
    }
    SystemStream stream;
    try {
      stream = SystemStream.parse(text);
    } catch (IllegalArgumentException e) {
      throw config.problem(streamKey, e.getMessage());
    }
    Set<String> systems = new SystemConfig(config).getSystemNames();
    if (!systems.contains(stream.getSystem())) {
      throw config.problem(streamKey, "names system '" + stream.getSystem() + "', which has no systems."
          + stream.getSystem() + ".* configuration; expected one of " + systems);
    }
    String intervalKey = MetricsReporterSettings.key(name, INTERVAL);
    String raw = config.get(intervalKey).map(String::trim).orElse(String.valueOf(DEFAULT_INTERVAL_SECONDS));
    long seconds;
    try {
      seconds = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    if (seconds < 1 || seconds > 86_400) {
      throw config.problem(intervalKey, "expected the seconds between snapshots, a whole number from 1 to 86400,"
          + " got '" + raw + "'");
    }
    String blacklistKey = MetricsReporterSettings.key(name, BLACKLIST);
    Optional<String> blacklist = config.get(blacklistKey);
    if (blacklist.isPresent()) {
      try {
        Pattern.compile(blacklist.get());
      } catch (PatternSyntaxException e) {
        throw config.problem(blacklistKey, "expected a Java regular expression of the metrics not to send, matched"
            + " against <group>.<name>; '" + blacklist.get() + "' is not one: " + e.getDescription()
            + " near index " + e.getIndex());
      }
    }
    return new MetricsSnapshotSettings(stream, seconds * 1000, blacklist);
  }
}
