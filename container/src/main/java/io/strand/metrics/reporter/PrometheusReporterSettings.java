package io.strand.metrics.reporter;

import io.strand.config.Config;

/**
 * The settings of one Prometheus reporter ({@link PrometheusReporterFactory}).
 *
 * <p>Threading: an immutable value.
 *
 * @param host {@code metrics.reporter.<name>.host}: the address the endpoint listens on and is
 *     advertised with; empty (the default) listens on every interface and advertises the host's name
 * @param port {@code metrics.reporter.<name>.port}: the TCP port, 0 (the default) for a free one
 *     picked at start
 */
public record PrometheusReporterSettings(String host, int port) {

  /** The setting naming the listening port. */
  public static final String PORT = "port";
  /** The setting naming the listening address. */
  public static final String HOST = "host";

  /**
   * Reads one reporter's settings.
   *
   * @param name the reporter's name in {@code metrics.reporters}
   * @param config the whole job config
   * @return the settings
   * @throws io.strand.config.ConfigException naming {@code metrics.reporter.<name>.port} when it is not
   *     a whole number from 0 to 65535
   */
  public static PrometheusReporterSettings fromConfig(String name, Config config) {
    String portKey = MetricsReporterSettings.key(name, PORT);
    String raw = config.get(portKey).map(String::trim).orElse("0");
    int port;
    try {
      port = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65_535) {
      throw config.problem(portKey, "expected a TCP port from 0 to 65535 (0 picks a free one), got '" + raw + "'");
    }
    String host = config.get(MetricsReporterSettings.key(name, HOST)).map(String::trim).orElse("");
    return new PrometheusReporterSettings(host, port);
  }
}
