package io.strand.container.job;

import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StorageConfig;
import java.util.Objects;

/**
 * Which job this is — {@code job.name} and {@code job.id} — and the names on the wire derived
 * from them (see the "Names on the wire and on disk" table of the architecture notes). Every
 * part of the container that names a job topic, group or client takes its names from here, so
 * each name is derived in one place.
 *
 * <p>Threading: immutable.
 *
 * @param name {@code job.name}: letters, digits, {@code .}, {@code _} and {@code -}
 * @param id {@code job.id}: the same characters; {@code 1} by default
 */
public record JobIdentity(String name, String id) {

  /**
   * Checks the parts are present.
   *
   * @throws NullPointerException if either is null
   */
  public JobIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
  }

  /**
   * The identity a job config names.
   *
   * @param config the job config
   * @return {@code job.name} and {@code job.id}
   * @throws io.strand.config.ConfigException naming {@code job.name} when it is missing, or the
   *     key holding characters other than letters, digits, {@code .}, {@code _} and {@code -}
   */
  public static JobIdentity fromConfig(Config config) {
    JobConfig job = new JobConfig(config);
    return new JobIdentity(job.getName(), job.getId());
  }

  /**
   * The compacted checkpoint topic of the job (one partition).
   *
   * @return {@code __strand-checkpoint-<job.name>-<job.id>}
   */
  public String checkpointTopic() {
    return "__strand-checkpoint-" + name + "-" + id;
  }

  /**
   * The compacted coordinator topic of the job (job model and container locality).
   *
   * @return {@code __strand-coordinator-<job.name>-<job.id>}
   */
  public String coordinatorTopic() {
    return "__strand-coordinator-" + name + "-" + id;
  }

  /**
   * The Kafka consumer group the job's offsets are mirrored to, so stock Kafka tools show its lag.
   *
   * @return {@code strand-<job.name>-<job.id>}
   */
  public String consumerGroup() {
    return "strand-" + name + "-" + id;
  }

  /**
   * The changelog topic of a store whose {@code stores.<store>.changelog} names only a system.
   *
   * @param store the store name
   * @return {@code <job.name>-<job.id>-<store>-changelog}
   */
  public String defaultChangelogTopic(String store) {
    return StorageConfig.defaultChangelogTopic(name, id, store);
  }

  /**
   * A Kafka client id of this job.
   *
   * @param purpose what the client is for, for example {@code checkpoint-producer}
   * @return {@code strand-<job.name>-<job.id>-<purpose>}
   */
  public String clientId(String purpose) {
    return "strand-" + name + "-" + id + "-" + purpose;
  }
}
