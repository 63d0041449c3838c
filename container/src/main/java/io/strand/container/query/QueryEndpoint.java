package io.strand.container.query;

import java.net.URI;
import java.util.Objects;

/**
 * Where a container serves queries over HTTP.
 *
 * @param containerId the container
 * @param host the host name or address clients use
 * @param port the TCP port
 */
public record QueryEndpoint(String containerId, String host, int port) {

  /** Checks the components. */
  public QueryEndpoint {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("a query endpoint's port must be from 1 to 65535, got " + port);
    }
  }

  /**
   * The base URL.
   *
   * @return {@code http://<host>:<port>/}
   */
  public URI url() {
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
  }
}
