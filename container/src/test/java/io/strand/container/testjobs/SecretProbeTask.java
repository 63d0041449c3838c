package io.strand.container.testjobs;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A test job that shows which secrets reached the container, without sending them anywhere: for
 * each input message it sends to {@code test.output}, keyed by the input partition, the SHA-256
 * of the config value named by {@code test.secret.key} and of the system property named by
 * {@code test.secret.property} (from {@code task.opts}), as {@code <config hash>/<property hash>}
 * ({@code -} for a missing value).
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class SecretProbeTask implements StreamTask, InitableTask {

  private SystemStream output;
  private String report;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    output = SystemStream.parse(config.getRequired("test.output"));
    String fromConfig = config.get(config.getRequired("test.secret.key")).orElse(null);
    String fromProperty = System.getProperty(config.getRequired("test.secret.property"));
    report = sha256(fromConfig) + "/" + sha256(fromProperty);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    collector.send(new OutgoingMessageEnvelope(output,
        String.valueOf(envelope.getSystemStreamPartition().partition().id()), report));
  }

  /**
   * The hex SHA-256 of a value.
   *
   * @param value the value, or null
   * @return the hash, or {@code -} for null
   */
  public static String sha256(String value) {
    if (value == null) {
      return "-";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
