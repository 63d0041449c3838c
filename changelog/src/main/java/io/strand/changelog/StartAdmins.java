package io.strand.changelog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin clients a container's storage uses while it starts (changelog topics created or
 * checked, evidence of an earlier run looked up), one per system, made on first use and shared by
 * those steps instead of one per step: each new admin client costs a connection and a metadata
 * round trip. {@link #close} closes them; a later use makes a new one.
 *
 * <p>Threading: thread-safe (the admin clients are).
 */
final class StartAdmins implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StartAdmins.class);

  private final ChangelogClients clients;
  private final Map<String, Admin> bySystem = new HashMap<>();

  /**
   * No client yet.
   *
   * @param clients makes the admin clients
   */
  StartAdmins(ChangelogClients clients) {
    this.clients = clients;
  }

  /**
   * The admin client of a system, owned by this object: callers do not close it.
   *
   * @param system the system name
   * @return the admin client
   */
  synchronized Admin get(String system) {
    return bySystem.computeIfAbsent(system, clients::newAdmin);
  }

  /** Closes every admin client; a failure to close one is logged and the others are still closed. */
  @Override
  public void close() {
    List<Admin> all;
    synchronized (this) {
      all = new ArrayList<>(bySystem.values());
      bySystem.clear();
    }
    for (Admin admin : all) {
      try {
        admin.close();
      } catch (RuntimeException e) {
        LOG.warn("Could not close a changelog admin client: {}", e.toString());
      }
    }
  }
}
