package io.strand.samples.flights;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The flights job's results as a table: reads the final ({@code final=true}) per-airport totals of
 * {@value FlightTopics#TOTALS} and prints the airports with the highest mean departure delay. Used
 * by the demo, and on its own after a run with {@code run-job} or on YARN:
 * {@code java -cp ... io.strand.samples.flights.FlightResults --bootstrap-servers localhost:9092}.
 * Exit code 1 when the topic holds no final record yet (the job has not ended).
 */
@Command(name = "flight-results", mixinStandardHelpOptions = true,
    description = "Prints the flights job's top airports by mean departure delay from its final records.")
public final class FlightResults implements Callable<Integer> {

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
      description = "Kafka bootstrap servers (default ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(names = "--top", defaultValue = "10", description = "Airports to list (default ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--min-flights", defaultValue = "1000",
      description = "Departures an airport needs to be ranked (default ${DEFAULT-VALUE}).")
  long minFlights;

  /**
   * Prints the table.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new FlightResults()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    List<AirportDelayTotal> finals = read(bootstrap);
    if (finals.isEmpty()) {
      System.err.printf("flight-results: no final record in '%s' yet; has the job ended?%n", FlightTopics.TOTALS);
      return 1;
    }
    printTable(System.out, finals, minFlights, top);
    return 0;
  }

  /**
   * The final per-airport totals in the output topic, read to its end as of now, committed records
   * only (as any reader of an exactly-once job's output must).
   *
   * @param bootstrap the job's Kafka bootstrap servers
   * @return one total per origin airport, or none when the job has not ended
   * @throws IOException if a record is not an {@link AirportDelayTotal} in JSON
   */
  static List<AirportDelayTotal> read(String bootstrap) throws IOException {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    ObjectMapper json = new ObjectMapper();
    List<AirportDelayTotal> finals = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(FlightTopics.TOTALS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          AirportDelayTotal t = json.readValue(r.value(), AirportDelayTotal.class);
          if (t.finalRecord()) {
            finals.add(t);
          }
        }
      }
    }
    return finals;
  }

  /**
   * Prints the airports with the highest mean departure delay.
   *
   * @param out where to print
   * @param finals the final totals
   * @param minFlights departures an airport needs to be ranked
   * @param top airports to list
   */
  static void printTable(PrintStream out, List<AirportDelayTotal> finals, long minFlights, int top) {
    List<AirportDelayTotal> worst = TopAirports.worstMeanDelay(finals, minFlights, top);
    out.printf("%nThe %d airports with the highest mean departure delay (at least %,d departures), January 2001:%n%n",
        worst.size(), minFlights);
    out.printf("%4s  %-4s  %-40s  %-20s  %8s  %10s%n", "rank", "code", "name", "city", "flights", "mean delay");
    int rank = 1;
    for (AirportDelayTotal t : worst) {
      out.printf("%4d  %-4s  %-40s  %-20s  %,8d  %6.1f min%n", rank++, t.airport(), clip(t.name(), 40),
          clip(t.city(), 20), t.flights(), t.meanDelayMinutes());
    }
  }

  private static String clip(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
