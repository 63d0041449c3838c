package io.strand.container.status;

import io.strand.config.Config;
import java.util.OptionalInt;

/**
 * Where a runner serves its status page: {@value #PORT} ({@code 0} an ephemeral port, {@code 1} to
 * {@code 65535} that port, {@code -1} off). Unset, each runner has its own default: the thread
 * runner serves no page (its console shows the progress line; tests run many jobs), the process
 * runner serves one on an ephemeral port (its containers report to it, and it is the only view of
 * them), the YARN application master always serves one (its tracking URL; {@code -1} counts as
 * unset there). Local runners listen on the loopback interface only, the AM on every interface.
 *
 * <p>Threading: an immutable value.
 *
 * @param port the port to bind (0 ephemeral), or empty for no page
 */
public record StatusSettings(OptionalInt port) {

  /** {@code strand.status.http.port}: the status page's port; 0 ephemeral, -1 off. */
  public static final String PORT = "strand.status.http.port";
  /** No status page. */
  public static final StatusSettings OFF = new StatusSettings(OptionalInt.empty());

  /**
   * Reads the setting.
   *
   * @param config the job config
   * @param onByDefault whether the runner serves a page (on an ephemeral port) when the key is unset
   * @return the settings
   * @throws io.strand.config.ConfigException if the value is not an integer from -1 to 65535
   */
  public static StatusSettings fromConfig(Config config, boolean onByDefault) {
    if (!config.containsKey(PORT) || config.get(PORT).orElse("").isBlank()) {
      return onByDefault ? new StatusSettings(OptionalInt.of(0)) : OFF;
    }
    int port = config.getInt(PORT, -1);
    if (port < -1 || port > 65_535) {
      throw config.problem(PORT, "must be a port from 1 to 65535, 0 for an ephemeral port or -1 for none; got "
          + port);
    }
    return port < 0 ? OFF : new StatusSettings(OptionalInt.of(port));
  }
}
