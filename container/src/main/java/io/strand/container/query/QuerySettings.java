package io.strand.container.query;

import io.strand.config.Config;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether and where each container serves queries over HTTP (off by default), read the way
 * {@code strand.status.http.port} and the Prometheus reporter's keys are:
 *
 * <ul>
 *   <li>{@value #PORT}: unset, blank or {@code -1}: off; {@code 0}: an ephemeral port, picked at
 *       start and logged; {@code 1} to {@code 65535}: that port (then only one container per host:
 *       under the thread runner with several containers, use 0);</li>
 *   <li>{@value #HOST}: the address to listen on and advertise in the coordinator topic; unset,
 *       every interface, advertised with the host's name.</li>
 * </ul>
 *
 * <p>Threading: an immutable value.
 *
 * @param port the port (0 ephemeral), or empty when off
 * @param host the listen and advertised address, or empty for every interface and the host name
 */
public record QuerySettings(OptionalInt port, Optional<String> host) {

  /** {@code strand.query.http.port}: the port of each container's query endpoint; 0 ephemeral, -1 off. */
  public static final String PORT = "strand.query.http.port";
  /** {@code strand.query.http.host}: the address the endpoint listens on and is advertised with. */
  public static final String HOST = "strand.query.http.host";
  /** No endpoint. */
  public static final QuerySettings OFF = new QuerySettings(OptionalInt.empty(), Optional.empty());

  /**
   * Reads the settings.
   *
   * @param config the job config
   * @return the settings
   * @throws io.strand.config.ConfigException naming {@value #PORT} if it is not a whole number from -1
   *     to 65535
   */
  public static QuerySettings fromConfig(Config config) {
    String raw = config.get(PORT).map(String::trim).orElse("");
    Optional<String> host = config.get(HOST).map(String::trim).filter(h -> !h.isEmpty());
    if (raw.isEmpty()) {
      return new QuerySettings(OptionalInt.empty(), host);
    }
    int port;
    try {
      port = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      port = Integer.MIN_VALUE;
    }
    if (port < -1 || port > 65_535) {
      throw config.problem(PORT, "expected a TCP port from 1 to 65535, 0 for an ephemeral port or -1 for none;"
          + " got '" + raw + "'");
    }
    return new QuerySettings(port < 0 ? OptionalInt.empty() : OptionalInt.of(port), host);
  }

  /**
   * Whether containers serve queries.
   *
   * @return true when a port is set
   */
  public boolean enabled() {
    return port.isPresent();
  }
}
