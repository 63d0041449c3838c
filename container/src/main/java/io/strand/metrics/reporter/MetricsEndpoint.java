package io.strand.metrics.reporter;

import java.net.URI;
import java.util.Objects;

/**
 * Where one reporter of one container can be read over HTTP (a Prometheus endpoint).
 *
 * <p>Threading: an immutable value.
 *
 * @param containerId the container's id in the job model
 * @param reporter the reporter's name in {@code metrics.reporters}
 * @param url the URL, for example {@code http://host:41234/metrics}
 */
public record MetricsEndpoint(String containerId, String reporter, URI url) {

  /**
   * Checks the parts are present.
   *
   * @throws NullPointerException if any is null
   */
  public MetricsEndpoint {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(reporter, "reporter");
    Objects.requireNonNull(url, "url");
  }
}
