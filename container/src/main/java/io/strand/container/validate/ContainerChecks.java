package io.strand.container.validate;

import io.strand.config.Config;
import io.strand.config.validate.ConfigCheck;
import io.strand.config.validate.ConfigValidator;
import io.strand.config.view.JobConfig;
import io.strand.container.input.DeadLetterCheck;
import io.strand.container.kafka.KafkaClientCheck;
import io.strand.container.runner.ProcessJobFactory;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.storage.StoreConfigCheck;
import io.strand.metrics.reporter.MetricsReporterCheck;
import java.util.List;
import java.util.Set;

/**
 * The checks the container adds to whole-job validation ({@link ConfigValidator}), so that a
 * setting the container's libraries would reject is reported with the other problems before
 * anything (the coordinator topic included) is created: Kafka client settings
 * ({@link KafkaClientCheck}), store settings and directories ({@link StoreConfigCheck}), the
 * dead-letter stream ({@link DeadLetterCheck}), the exactly-once mode's constraints
 * ({@link ExactlyOnceCheck}), the metrics reporters ({@link MetricsReporterCheck}) and queryable
 * state ({@link io.strand.container.query.QueryCheck}). Files and
 * directories are checked only when the job runs on this host (the thread and process runners,
 * {@code job.factory.class} unset or one of them); a cluster runner's containers find theirs on
 * other hosts.
 *
 * <p>Threading: stateless; the validator it makes is immutable.
 */
public final class ContainerChecks {

  private static final Set<String> LOCAL_RUNNERS = Set.of(ThreadJobFactory.class.getName(),
      ProcessJobFactory.class.getName(), io.strand.job.local.ThreadJobFactory.class.getName(),
      io.strand.job.local.ProcessJobFactory.class.getName());

  private ContainerChecks() {}

  /**
   * The container's checks.
   *
   * @return the checks, in the order they report
   */
  public static List<ConfigCheck> all() {
    return List.of(
        (config, report) -> new KafkaClientCheck(runsOnThisHost(config)).check(config, report),
        (config, report) -> new StoreConfigCheck(runsOnThisHost(config)).check(config, report),
        new DeadLetterCheck(),
        new ExactlyOnceCheck(),
        new MetricsReporterCheck(),
        new io.strand.container.query.QueryCheck());
  }

  /**
   * A validator with the container's checks, loading classes through the calling thread's
   * context class loader: the one {@code run-job} uses.
   *
   * @return the validator
   */
  public static ConfigValidator validator() {
    return new ConfigValidator(null, all());
  }

  /**
   * Whether the job's containers run on this host.
   *
   * @param config the whole job configuration
   * @return true when {@code job.factory.class} is unset or names the thread or process runner (or
   *     its Samza-named alias in {@code io.strand.job.local})
   */
  static boolean runsOnThisHost(Config config) {
    String factory = config.get(JobConfig.JOB_FACTORY_CLASS).map(String::trim).orElse("");
    return factory.isEmpty() || LOCAL_RUNNERS.contains(factory);
  }
}
