package io.strand.testkit.samzacompat;

import io.strand.application.TaskApplication;
import io.strand.application.descriptors.TaskApplicationDescriptor;
import io.strand.config.Config;
import io.strand.serializers.StringSerde;
import io.strand.system.SystemStreamMetadata.OffsetType;
import io.strand.system.kafka.descriptors.KafkaInputDescriptor;
import io.strand.system.kafka.descriptors.KafkaOutputDescriptor;
import io.strand.system.kafka.descriptors.KafkaSystemDescriptor;
import io.strand.task.StreamTaskFactory;
import java.util.List;
import java.util.Map;

/**
 * A Samza 1.x {@code TaskApplication} with Kafka descriptors, written as Samza documents it; only
 * its import lines differ from Samza code. The topics come from the job's configuration so each
 * test run has its own. The input says {@code UPCOMING}; the test's properties file overrides it
 * with {@code oldest}, as a Samza user may.
 */
public class WordCountApplication implements TaskApplication {

  @Override
  public void describe(TaskApplicationDescriptor appDescriptor) {
    Config config = appDescriptor.getConfig();
    KafkaSystemDescriptor kafka = new KafkaSystemDescriptor("kafka")
        .withConsumerZkConnect(List.of("localhost:2181"))
        .withProducerBootstrapServers(List.of(config.get("wordcount.bootstrap.servers", "localhost:9092")))
        .withDefaultStreamConfigs(Map.of("replication.factor", "1"));
    KafkaInputDescriptor<String> input =
        kafka.getInputDescriptor(config.get("wordcount.input", "words"), new StringSerde())
            .withOffsetDefault(OffsetType.UPCOMING);
    KafkaOutputDescriptor<String> output =
        kafka.getOutputDescriptor(config.get("wordcount.output", "word-counts"), new StringSerde());
    KafkaOutputDescriptor<String> windows =
        kafka.getOutputDescriptor(config.get("wordcount.windows", "word-count-windows"), new StringSerde());
    appDescriptor.withDefaultSystem(kafka)
        .withInputStream(input)
        .withOutputStream(output)
        .withOutputStream(windows)
        .withTaskFactory((StreamTaskFactory) () -> new WordCountTask());
  }
}
