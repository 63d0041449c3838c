package io.strand.config;

import java.util.Map;

/**
 * Renders a {@link Config} as a log-friendly block: a header naming the source, then one
 * {@code key = value} line per entry in key order, with secret values replaced by
 * {@link SecretMasking#MASK} and overridden keys marked with where their value came from.
 *
 * <pre>
 * Config from /etc/strand/job.properties (3 entries):
 *   job.name = flight-delays
 *   systems.kafka.consumer.ssl.key.password = ******
 *   task.commit.ms = 5000   [from --config override]
 * </pre>
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class ConfigRenderer {

  private ConfigRenderer() {}

  /**
   * The multi-line, secret-masked rendering of a configuration. Lines are separated by
   * {@code \n} whatever the platform, so the text is stable in logs and tests.
   *
   * @param config the configuration to render
   * @return the rendering; never contains the value of a key {@link SecretMasking#isSecret secret}
   */
  public static String render(Config config) {
    Map<String, String> entries = config.asMap();
    StringBuilder text = new StringBuilder("Config from ").append(config.source())
        .append(" (").append(entries.size()).append(entries.size() == 1 ? " entry):" : " entries):");
    for (Map.Entry<String, String> e : entries.entrySet()) {
      text.append("\n  ").append(e.getKey()).append(" = ")
          .append(SecretMasking.mask(e.getKey(), e.getValue()));
      String keySource = config.sourceOf(e.getKey());
      if (!keySource.equals(config.source())) {
        text.append("   [from ").append(keySource).append(']');
      }
    }
    return text.toString();
  }
}
