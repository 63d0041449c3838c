package io.strand.container.validate;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.validate.ConfigCheck;
import io.strand.config.view.DeliveryGuarantee;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.input.BadMessagePolicy;
import io.strand.container.job.JobTopicSystem;
import io.strand.container.transaction.TransactionSettings;
import io.strand.system.SystemStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Validation of {@code task.delivery.guarantee=exactly-once}: every stream the job is known to
 * write to (store changelogs, the dead-letter stream) is on the checkpoint system, whose one
 * transactional producer writes them all; the transaction timeout is above {@code task.commit.ms};
 * and no client setting undoes the guarantee ({@code isolation.level=read_uncommitted},
 * {@code enable.idempotence=false}, {@code acks} other than {@code all}). Nothing to check under
 * at-least-once.
 *
 * <p>Threading: stateless.
 */
public final class ExactlyOnceCheck implements ConfigCheck {

  private static final String EOS = TaskConfig.TASK_DELIVERY_GUARANTEE + "=exactly-once";

  /** Creates the check. */
  public ExactlyOnceCheck() {}

  @Override
  public void check(Config config, Report report) {
    TaskConfig task = new TaskConfig(config);
    DeliveryGuarantee guarantee;
    long commitMs;
    String system;
    try {
      guarantee = task.getDeliveryGuarantee();
      if (guarantee != DeliveryGuarantee.EXACTLY_ONCE) {
        return;
      }
      commitMs = task.getCommitMs();
      system = JobTopicSystem.fromConfig(config, CheckpointSettings.SYSTEM);
    } catch (ConfigException e) {
      return; // reported by the validator's own checks of these keys
    }
    String because = "under " + EOS + " every record is written by one transactional producer on the checkpoint"
        + " system '" + system + "' (" + CheckpointSettings.SYSTEM + "), and a Kafka transaction cannot span systems";
    StorageConfig storage = new StorageConfig(config);
    for (String store : storage.getStoreNames()) {
      Optional<StreamName> changelog;
      try {
        changelog = storage.getChangelog(store);
      } catch (ConfigException e) {
        continue;
      }
      if (changelog.isPresent() && !changelog.get().system().equals(system)) {
        String key = StorageConfig.storeKey(store, "changelog");
        report.problem(new ConfigProblem(key, config.sourceOf(key), "names system '" + changelog.get().system()
            + "'; " + because + ": expected a changelog on system '" + system + "'"));
      }
    }
    try {
      Optional<SystemStream> dlq = BadMessagePolicy.fromConfig(config).deadLetterStream();
      if (dlq.isPresent() && !dlq.get().getSystem().equals(system)) {
        String key = BadMessagePolicy.DEAD_LETTER_STREAM;
        report.problem(new ConfigProblem(key, config.sourceOf(key), "names system '" + dlq.get().getSystem()
            + "'; " + because + ": expected a stream on system '" + system + "'"));
      }
    } catch (ConfigException e) {
      // reported by the dead-letter check
    }
    try {
      TransactionSettings.timeoutMs(config, system, commitMs);
    } catch (ConfigException e) {
      e.problems().forEach(report::problem);
    }
    for (String s : new SystemConfig(config).getSystemNames()) {
      refuse(config, report, SystemConfig.systemKey(s, "consumer." + ConsumerConfig.ISOLATION_LEVEL_CONFIG),
          "read_committed", "read_uncommitted would process records of aborted transactions");
      refuse(config, report, SystemConfig.systemKey(s, "producer." + ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG),
          "true", "transactions need the idempotent producer");
      String acks = SystemConfig.systemKey(s, "producer." + ProducerConfig.ACKS_CONFIG);
      String value = config.get(acks).map(v -> v.trim().toLowerCase(Locale.ROOT)).orElse("all");
      if (!value.equals("all") && !value.equals("-1")) {
        report.problem(new ConfigProblem(acks, config.sourceOf(acks), "is '" + value + "', but under " + EOS
            + " transactions need acks=all; remove the key or set it to all"));
      }
    }
  }

  private static void refuse(Config config, Report report, String key, String expected, String why) {
    Optional<String> value = config.get(key).map(v -> v.trim().toLowerCase(Locale.ROOT));
    if (value.isPresent() && !value.get().equals(expected)) {
      report.problem(new ConfigProblem(key, config.sourceOf(key), "is '" + value.get() + "', but under " + EOS + " "
          + why + "; remove the key or set it to " + expected));
    }
  }
}
