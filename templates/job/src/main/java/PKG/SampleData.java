package __PACKAGE__;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sample input and results for trying the job by hand: {@code load} writes events keyed
 * {@code user-0} .. {@code user-<keys-1>} to the input topic; {@code show} prints the last count
 * of every key in the output topic.
 */
@Command(name = "sample-data", mixinStandardHelpOptions = true,
    subcommands = {SampleData.Load.class, SampleData.Show.class})
public final class SampleData {

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", scope = CommandLine.ScopeType.INHERIT,
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
  String bootstrap;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SampleData()).execute(args));
  }

  @Command(name = "load", description = "Writes events to the input topic.")
  static final class Load implements Callable<Integer> {
    @CommandLine.ParentCommand SampleData parent;
    @Option(names = "--topic", defaultValue = "events") String topic;
    @Option(names = "--records", defaultValue = "10000") int records;
    @Option(names = "--keys", defaultValue = "20") int keys;

    @Override
    public Integer call() {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, parent.bootstrap);
      try (KafkaProducer<String, String> producer =
               new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < records; i++) {
          producer.send(new ProducerRecord<>(topic, "user-" + (i % keys), "event " + i));
        }
      }
      System.out.printf("loaded %,d events with %d keys into '%s'%n", records, keys, topic);
      return 0;
    }
  }

  @Command(name = "show", description = "Prints the last count of every key in the output topic.")
  static final class Show implements Callable<Integer> {
    @CommandLine.ParentCommand SampleData parent;
    @Option(names = "--topic", defaultValue = "counts") String topic;

    @Override
    public Integer call() {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, parent.bootstrap);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      Map<String, String> last = new TreeMap<>();
      try (KafkaConsumer<String, String> consumer =
               new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            last.put(r.key(), r.value());
          }
        }
      }
      last.forEach((key, count) -> System.out.println(key + "\t" + count));
      return 0;
    }
  }
}
