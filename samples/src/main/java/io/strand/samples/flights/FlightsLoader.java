package io.strand.samples.flights;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Loads the sample data into Kafka: every line of the gzipped flights CSV (header skipped) to
 * {@value FlightTopics#FLIGHTS}, in file order, keyed by origin, value the line as UTF-8; and the
 * airports table to the compacted {@value FlightTopics#AIRPORTS}, keyed by IATA code, value
 * {@link Airport} as JSON. Lines that do not parse are sent as they are (keyed by their origin
 * field when they have one), so the job's dead-letter handling sees real bad input; more can be
 * inserted at chosen positions ({@code --malformed-at}). Creates the two topics when missing.
 *
 * <p>Usable from code ({@link #load}) and as a command:
 * {@code java -cp ... io.strand.samples.flights.FlightsLoader --bootstrap-servers host:port}.
 *
 * <p>Threading: {@link #load} runs on the caller's thread and may be called from several threads
 * at once (each call has its own producer).
 */
@Command(name = "flights-loader", mixinStandardHelpOptions = true,
    description = "Loads the January 2001 flights and the airports table into Kafka.")
public final class FlightsLoader implements Callable<Integer> {

  /**
   * What to load.
   *
   * @param dataDir the directory holding the two data files
   * @param flightPartitions partitions of the flights topic when it is created
   * @param malformedAt positions (0-based indexes among the file's data lines) before which a
   *     malformed line is inserted; a position at or past the end appends after the last line
   * @param maxLines how many data lines of the file to send at most; negative for all
   */
  public record Options(Path dataDir, int flightPartitions, List<Long> malformedAt, long maxLines) {

    /**
     * Checks and sorts.
     *
     * @throws IllegalArgumentException if a position is negative or partitions are below 1
     */
    public Options {
      if (flightPartitions < 1) {
        throw new IllegalArgumentException("the flights topic needs at least 1 partition, got " + flightPartitions);
      }
      malformedAt = malformedAt.stream().sorted().toList();
      if (!malformedAt.isEmpty() && malformedAt.get(0) < 0) {
        throw new IllegalArgumentException("malformed-line positions cannot be negative: " + malformedAt);
      }
    }

    /**
     * The whole file, 8 partitions, nothing injected.
     *
     * @param dataDir the data directory
     * @return the options
     */
    public static Options of(Path dataDir) {
      return new Options(dataDir, FlightTopics.FLIGHT_PARTITIONS, List.of(), -1);
    }

    /**
     * A copy that inserts malformed lines.
     *
     * @param positions where, as for {@link #malformedAt}
     * @return the copy
     */
    public Options withMalformedAt(Long... positions) {
      return new Options(dataDir, flightPartitions, Arrays.asList(positions), maxLines);
    }
  }

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, host:port[,...].")
  String bootstrapServers;

  @Option(names = "--data-dir", description = "Directory of " + DataFiles.FLIGHTS_FILE
      + " and " + DataFiles.AIRPORTS_FILE + " (default: <repo>/../shared/data).")
  Path dataDir;

  @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the flights topic if created (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--malformed-at", split = ",", description = "Insert a malformed line before these data-line indexes (0-based).")
  List<Long> malformedAt = List.of();

  @Option(names = "--max-lines", defaultValue = "-1", description = "Send at most this many data lines (default: all).")
  long maxLines;

  /**
   * Runs the command.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new FlightsLoader()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Path dir = dataDir != null ? dataDir : DataFiles.defaultDir();
    LoadResult r = load(bootstrapServers, new Options(dir, partitions, malformedAt, maxLines));
    System.out.printf("Loaded %,d flights (+%,d malformed lines) and %,d airports in %.1f s (%,.0f records/s)%n",
        r.flights(), r.malformedInFile() + r.malformedInjected(), r.airports(), r.elapsedMs() / 1000.0,
        r.flightRecordsPerSecond());
    return 0;
  }

  /**
   * Loads the data, waiting for every acknowledgement.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param options what to load
   * @return what was written
   * @throws IOException if a data file cannot be read
   * @throws IllegalArgumentException if a data file is missing
   * @throws IllegalStateException if Kafka rejects a record or a topic cannot be created
   */
  public static LoadResult load(String bootstrapServers, Options options) throws IOException {
    Path flightsFile = DataFiles.require(options.dataDir(), DataFiles.FLIGHTS_FILE);
    Path airportsFile = DataFiles.require(options.dataDir(), DataFiles.AIRPORTS_FILE);
    long began = System.nanoTime();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      FlightTopics.createInputs(admin, options.flightPartitions());
    }
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback callback = (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    };
    long airports;
    long[] flightCounts;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers),
        new StringSerializer(), new ByteArraySerializer())) {
      airports = sendAirports(producer, airportsFile, callback);
      flightCounts = sendFlights(producer, flightsFile, options, callback, failure);
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka rejected a record: " + failure.get().getMessage(), failure.get());
    }
    return new LoadResult(flightCounts[0], flightCounts[1], flightCounts[2], airports,
        (System.nanoTime() - began) / 1_000_000);
  }

  private static long sendAirports(KafkaProducer<String, byte[]> producer, Path file, Callback callback)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    long sent = 0;
    for (Map.Entry<String, Airport> e : AirportsCsv.read(file).entrySet()) {
      producer.send(new ProducerRecord<>(FlightTopics.AIRPORTS, e.getKey(), json.writeValueAsBytes(e.getValue())),
          callback);
      sent++;
    }
    return sent;
  }

  /** Returns {good, malformed in file, injected}. */
  private static long[] sendFlights(KafkaProducer<String, byte[]> producer, Path file, Options options,
      Callback callback, AtomicReference<Exception> failure) throws IOException {
    long good = 0;
    long badInFile = 0;
    long injected = 0;
    List<Long> inject = options.malformedAt();
    int next = 0;
    long index = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      String line = in.readLine(); // header
      if (line != null && !line.equals(FlightCsv.HEADER)) {
        throw new IllegalArgumentException(file + " does not start with the header '" + FlightCsv.HEADER + "'");
      }
      while ((options.maxLines() < 0 || index < options.maxLines()) && (line = in.readLine()) != null) {
        while (next < inject.size() && inject.get(next) <= index) {
          send(producer, MalformedLines.line(next++), callback);
          injected++;
        }
        if (isFlight(line)) {
          good++;
        } else {
          badInFile++;
        }
        send(producer, line, callback);
        index++;
        if (failure.get() != null) {
          break; // the final check reports it; sending more would only repeat it
        }
      }
    }
    while (next < inject.size()) {
      send(producer, MalformedLines.line(next++), callback);
      injected++;
    }
    return new long[] {good, badInFile, injected};
  }

  private static boolean isFlight(String line) {
    try {
      FlightCsv.parse(line);
      return true;
    } catch (MalformedFlightException e) {
      return false;
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, String line, Callback callback) {
    producer.send(new ProducerRecord<>(FlightTopics.FLIGHTS, FlightCsv.originField(line),
        line.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static Properties producerConfig(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Throughput settings: a bulk load of half a million small records.
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // Idempotence keeps file order per partition across retries, which the event-time windows rely on.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return p;
  }
}
