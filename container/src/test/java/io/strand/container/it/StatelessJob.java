package io.strand.container.it;

import io.strand.config.Config;
import io.strand.container.testjobs.FilterMapTask;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One run of the {@link FilterMapTask} job for an end-to-end test: its topics on the test broker,
 * its input (values 0 to {@code partitions * perPartition - 1}, dealt round-robin over the
 * partitions), its config, and the output it must produce.
 */
final class StatelessJob {

  static final int PARTITIONS = 8;

  final KafkaCluster kafka;
  final String jobName;
  final String input;
  final String output;
  final String firsts;
  final int perPartition;
  private final Map<String, String> extra = new HashMap<>();

  StatelessJob(KafkaCluster kafka, String prefix, int perPartition) {
    this.kafka = kafka;
    this.jobName = kafka.uniqueTopic(prefix);
    this.input = kafka.uniqueTopic(prefix + "-in");
    this.output = kafka.uniqueTopic(prefix + "-out");
    this.firsts = kafka.uniqueTopic(prefix + "-firsts");
    this.perPartition = perPartition;
    kafka.client().createTopic(input, PARTITIONS);
    kafka.client().createTopic(output, 4);
    kafka.client().createTopic(firsts, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < PARTITIONS * perPartition; i++) {
      records.add(new ProducerRecord<>(input, i % PARTITIONS, null, String.valueOf(i)));
    }
    kafka.client().produce(records);
  }

  StatelessJob with(String key, String value) {
    extra.put(key, value);
    return this;
  }

  Config config(String factoryClass, Path workDir) {
    return Config.of(entries(factoryClass, workDir));
  }

  Map<String, String> entries(String factoryClass, Path workDir) {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", jobName);
    m.put("job.container.count", "2");
    m.put("job.factory.class", factoryClass);
    m.put("task.class", FilterMapTask.class.getName());
    m.put("task.inputs", "kafka." + input);
    m.put("task.commit.ms", "200");
    m.put("task.shutdown.ms", "10000");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(m, input);
    m.put("test.output", "kafka." + output);
    m.put("test.firsts", "kafka." + firsts);
    m.put("strand.process.work.dir", workDir.toString());
    m.put("task.opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    m.putAll(extra);
    return m;
  }

  /** The output every input record maps to, by {@code <partition>:<offset>} (records are dealt round-robin). */
  Map<String, String> expected() {
    Map<String, String> expected = new TreeMap<>();
    for (int i = 0; i < PARTITIONS * perPartition; i++) {
      if (i % 3 != 0) {
        expected.put((i % PARTITIONS) + ":" + (i / PARTITIONS), String.valueOf(2 * i));
      }
    }
    return expected;
  }

  List<ConsumerRecord<String, String>> readOutput() {
    return kafka.client().readAll(output);
  }

  /** The output as a multiset of values, in sorted order. */
  static List<String> values(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).sorted().toList();
  }
}
