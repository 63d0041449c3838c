package io.strand.container.query.http;

import io.strand.config.Config;
import io.strand.container.coordinator.CoordinatorSettings;
import io.strand.container.coordinator.CoordinatorStream;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.JobModel;
import io.strand.container.query.LocalStores;
import io.strand.container.query.QueryEndpoint;
import io.strand.container.query.QueryEndpoints;
import io.strand.container.query.QuerySettings;
import io.strand.container.query.StoreFormat;
import io.strand.context.TaskName;
import io.strand.kv.StoreHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a container opens around its running stores, once they are restored: the JVM registration
 * that {@link io.strand.container.query.QueryableState} reads (always; it costs nothing), and, when
 * {@value QuerySettings#PORT} is set, the HTTP endpoint ({@link QueryServer}), logged at INFO with
 * its URL and published in the coordinator topic ({@link QueryEndpoints}). Closing it (before the
 * stores close) withdraws the endpoint, stops the server and unregisters, waiting for reads in
 * progress.
 *
 * <p>Threading: {@link #open} and {@link #close} on the container's thread.
 */
public final class QueryService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

  private final AutoCloseable registration;
  private final QueryServer server;
  private final CoordinatorStream coordinator;
  private final String containerId;
  private final String who;

  private QueryService(AutoCloseable registration, QueryServer server, CoordinatorStream coordinator,
      String containerId, String who) {
    this.registration = registration;
    this.server = server;
    this.coordinator = coordinator;
    this.containerId = containerId;
    this.who = who;
  }

  /**
   * Registers a container's stores and, when queries are on, serves and publishes its endpoint.
   *
   * @param config the job config
   * @param job the job
   * @param model the job model
   * @param containerId the container
   * @param handles the container's restored store handles, per task, by store name
   * @return the service; close it before the stores
   * @throws io.strand.config.ConfigException if a setting is malformed
   * @throws java.io.UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException if the endpoint cannot be published
   */
  public static QueryService open(Config config, JobIdentity job, JobModel model, String containerId,
      Map<TaskName, Map<String, StoreHandle>> handles) {
    String who = "job '" + job.name() + "' (id " + job.id() + ") container '" + containerId + "'";
    QuerySettings settings = QuerySettings.fromConfig(config);
    Map<String, StoreFormat> formats = new TreeMap<>();
    handles.values().stream().findFirst().ifPresent(stores -> stores.keySet()
        .forEach(s -> formats.put(s, StoreFormat.fromConfig(s, config))));
    AutoCloseable registration = LocalStores.register(job, model, containerId, handles, formats);
    if (!settings.enabled()) {
      return new QueryService(registration, null, null, containerId, who);
    }
    QueryServer server = null;
    CoordinatorStream coordinator = null;
    try {
      InetSocketAddress address = settings.host().map(h -> new InetSocketAddress(h, settings.port().getAsInt()))
          .orElseGet(() -> new InetSocketAddress(settings.port().getAsInt()));
      coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config), new KafkaSystems(config));
      CoordinatorStream published = coordinator;
      AtomicReference<Map<String, String>> urls = new AtomicReference<>();
      server = new QueryServer(address, containerId, () -> LocalStores.of(job), () -> {
        Map<String, String> known = new TreeMap<>();
        synchronized (published) { // the coordinator stream has one owner at a time
          QueryEndpoints.fromRecords(published.readAll()).forEach((id, e) -> known.put(id, e.url().toString()));
        }
        urls.set(known);
        return known;
      });
      server.start();
      QueryEndpoint endpoint = new QueryEndpoint(containerId, settings.host().orElseGet(QueryService::hostName),
          server.port());
      synchronized (coordinator) {
        QueryEndpoints.publish(coordinator, endpoint);
      }
      LOG.info("{}: serving queries of stores {} at {}", who, formats.keySet(), endpoint.url());
      return new QueryService(registration, server, coordinator, containerId, who);
    } catch (RuntimeException e) {
      if (server != null) {
        server.close();
      }
      if (coordinator != null) {
        coordinator.close();
      }
      closeQuietly(registration);
      throw e;
    }
  }

  /**
   * The bound port, when serving.
   *
   * @return the port, or -1 when queries are off
   */
  public int port() {
    return server == null ? -1 : server.port();
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        synchronized (coordinator) {
          QueryEndpoints.withdraw(coordinator, containerId);
        }
      } catch (RuntimeException e) {
        LOG.warn("{}: could not withdraw its query endpoint from the coordinator topic: {}", who, e.getMessage());
      } finally {
        coordinator.close();
        server.close();
      }
    }
    closeQuietly(registration);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing the queryable-state registration failed: " + e, e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
