package io.strand.container.testjobs;

import io.strand.config.Config;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.StreamJobFactory;
import java.io.IOException;
import org.apache.kafka.common.KafkaException;

/**
 * A runner that fails after validation the way a client library does: with an exception the
 * command does not expect ({@link KafkaException}), to show it still ends with one summary line.
 */
public final class FailingJobFactory implements StreamJobFactory {

  @Override
  public StreamJob getJob(Config config) {
    throw new KafkaException("Failed to construct kafka producer", new IOException("disk quota exceeded"));
  }
}
