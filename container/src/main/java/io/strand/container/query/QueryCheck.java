package io.strand.container.query;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.validate.ConfigCheck;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StorageConfig;
import io.strand.storage.query.StoreLayout;

/**
 * Validation of queryable state's settings: {@value QuerySettings#PORT} is a port, 0 or -1; a fixed
 * port is refused under the thread runner with more than one container (they would all bind it in
 * one JVM); and, when queries are on, each store can be queried: its query serdes exist and
 * {@code stores.<s>.query.layout} names a {@link StoreLayout} ({@link StoreFormat}).
 *
 * <p>Threading: stateless.
 */
public final class QueryCheck implements ConfigCheck {

  private static final String THREAD_RUNNER = "io.strand.container.runner.ThreadJobFactory";
  private static final String THREAD_RUNNER_ALIAS = "io.strand.job.local.ThreadJobFactory";

  /** Creates the check. */
  public QueryCheck() {}

  @Override
  public void check(Config config, Report report) {
    QuerySettings settings;
    try {
      settings = QuerySettings.fromConfig(config);
    } catch (ConfigException e) {
      e.problems().forEach(report::problem);
      return;
    }
    if (!settings.enabled()) {
      return;
    }
    int port = settings.port().getAsInt();
    String factory = config.get(JobConfig.JOB_FACTORY_CLASS).map(String::trim).orElse("");
    boolean threadRunner = factory.isEmpty() || factory.equals(THREAD_RUNNER) || factory.equals(THREAD_RUNNER_ALIAS);
    int containers;
    try {
      containers = new JobConfig(config).getContainerCount();
    } catch (ConfigException e) {
      containers = 1; // reported by the job checks
    }
    if (port > 0 && threadRunner && containers > 1) {
      report.problem(new ConfigProblem(QuerySettings.PORT, config.sourceOf(QuerySettings.PORT), "is " + port
          + ", but the thread runner runs the job's " + containers + " containers in one JVM and each serves its own"
          + " endpoint; set 0 for an ephemeral port per container (each is logged and published in the coordinator"
          + " topic)"));
    }
    for (String store : new StorageConfig(config).getStoreNames()) {
      try {
        StoreFormat.fromConfig(store, config);
      } catch (ConfigException e) {
        e.problems().forEach(report::problem);
      } catch (RuntimeException e) {
        String key = StorageConfig.storeKey(store, StoreFormat.LAYOUT);
        report.problem(new ConfigProblem(key, config.sourceOf(key), "store '" + store
            + "' cannot be queried: " + e.getMessage()));
      }
    }
  }
}
