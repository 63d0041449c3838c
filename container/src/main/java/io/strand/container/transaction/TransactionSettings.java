package io.strand.container.transaction;

import io.strand.config.Config;
import io.strand.config.view.DeliveryGuarantee;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.job.JobIdentity;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How a container's transactions are set up under {@code task.delivery.guarantee=exactly-once},
 * read once from the job config.
 *
 * <p>Every record a container writes (outputs, changelog records, dead letters, checkpoints) goes
 * through one transactional producer on the checkpoint system ({@code task.checkpoint.system}): a
 * Kafka transaction cannot span clusters, so exactly-once jobs write to that one system only (the
 * validator rejects other output systems it can see; a send to another system at run time fails
 * the container).
 *
 * <p>Threading: immutable.
 *
 * @param system the system written to, the checkpoint system
 * @param transactionalId {@code strand-<job.name>-<job.id>-<container>}: stable across restarts of
 *     the container, so a new instance fences the old one
 * @param timeoutMs {@code systems.<system>.producer.transaction.timeout.ms}: how long the broker
 *     lets a transaction stay open before aborting it, in ms
 */
public record TransactionSettings(String system, String transactionalId, long timeoutMs) {

  /** The least default transaction timeout, in ms: time for a commit interval plus a slow commit. */
  public static final long MIN_DEFAULT_TIMEOUT_MS = 60_000;

  /**
   * Checks the parts.
   *
   * @throws NullPointerException if a part is null
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public TransactionSettings {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(transactionalId, "transactionalId");
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("transaction timeout must be positive, was " + timeoutMs);
    }
  }

  /**
   * The container's transaction settings, under exactly-once.
   *
   * @param config the job config
   * @param job the job
   * @param containerId the container's id in the job model
   * @param system the checkpoint system, which every record is written to
   * @return the settings, or empty under at-least-once
   * @throws io.strand.config.ConfigException if the delivery guarantee, {@code task.commit.ms} or
   *     the transaction timeout is malformed, or the timeout is not above the commit interval
   */
  public static Optional<TransactionSettings> fromConfig(Config config, JobIdentity job, String containerId,
      String system) {
    TaskConfig task = new TaskConfig(config);
    if (task.getDeliveryGuarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
      return Optional.empty();
    }
    return Optional.of(new TransactionSettings(system, transactionalId(job, containerId),
        timeoutMs(config, system, task.getCommitMs())));
  }

  /**
   * The transactional id of a container.
   *
   * @param job the job
   * @param containerId the container's id
   * @return {@code strand-<job.name>-<job.id>-<container>}
   */
  public static String transactionalId(JobIdentity job, String containerId) {
    return "strand-" + job.name() + "-" + job.id() + "-" + containerId;
  }

  /**
   * The transaction timeout of a system's producer: as configured, else the larger of
   * {@value #MIN_DEFAULT_TIMEOUT_MS} ms and ten commit intervals.
   *
   * @param config the job config
   * @param system the system
   * @param commitMs the commit interval, in ms
   * @return the timeout, in ms
   * @throws io.strand.config.ConfigException naming the key if the value is not a whole number of ms
   *     above {@code task.commit.ms}
   */
  public static long timeoutMs(Config config, String system, long commitMs) {
    String key = SystemConfig.systemKey(system, "producer." + ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);
    if (!config.containsKey(key)) {
      return Math.max(MIN_DEFAULT_TIMEOUT_MS, 10 * commitMs);
    }
    long ms = config.getLong(key, -1);
    if (ms <= commitMs) {
      throw config.problem(key, "is " + ms + " ms, but under task.delivery.guarantee=exactly-once it must be above"
          + " task.commit.ms (" + commitMs + " ms): a transaction stays open for a whole commit interval");
    }
    return ms;
  }
}
