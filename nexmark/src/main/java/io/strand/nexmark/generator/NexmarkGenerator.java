package io.strand.nexmark.generator;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the events of a {@link GeneratorConfig} to the three input topics ({@link NexmarkTopics}),
 * then the end-of-input markers.
 *
 * <p>Events go out in event-number order through one idempotent producer, so within every
 * partition event time never decreases. Each record's key is the entity id (the auction id for a
 * bid), its value the event's JSON and its Kafka timestamp the event's {@code dateTime}. After the
 * last event, one end-of-input marker ({@link Event#isEndMarker()}) goes to every partition of
 * every input topic, with the event time {@link #endMarkerTime(GeneratorConfig)}: later than every
 * event time and auction expiry by 60 s, so any engine whose watermark trails by at most 60 s minus
 * the longest window closes every window once it has read the markers.
 */
public final class NexmarkGenerator {

  /** How far the end-of-input markers' time lies beyond every event time and expiry, ms. */
  public static final long END_MARKER_MARGIN_MS = 60_000;

  private NexmarkGenerator() {
  }

  /**
   * What a generation wrote.
   *
   * @param events events written (markers not counted)
   * @param persons persons among them
   * @param auctions auctions among them
   * @param bids bids among them
   * @param firstTimeMs the first event's time, ms since the epoch
   * @param lastTimeMs the last event's time, ms since the epoch
   * @param endMarkerTimeMs the markers' event time, ms since the epoch
   * @param elapsedMs wall-clock time from the first send to the last acknowledgement, ms
   * @param maxBehindMs with a rate: how far the sends fell behind their schedule at most, ms (0 without)
   */
  public record Generated(long events, long persons, long auctions, long bids, long firstTimeMs, long lastTimeMs,
      long endMarkerTimeMs, long elapsedMs, long maxBehindMs) {
  }

  /**
   * The end-of-input markers' event time.
   *
   * @param config the generation
   * @return ms since the epoch
   */
  public static long endMarkerTime(GeneratorConfig config) {
    return new EventGenerator(config).latestTime(config.events()) + END_MARKER_MARGIN_MS;
  }

  /**
   * Producer settings for the generator: idempotent (so retries keep partition order), lz4,
   * linger 10 ms, 256 KiB batches, 10 min delivery timeout.
   *
   * @param bootstrapServers the brokers
   * @return the properties
   */
  public static Properties producerProperties(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
    // A loaded machine (CI, shared cores) can stall a fresh topic's leadership for minutes.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
    return p;
  }

  /**
   * Generates into existing topics (see {@link NexmarkTopicAdmin#recreateInputs}).
   *
   * @param bootstrapServers the brokers
   * @param config what to generate
   * @return what was written
   * @throws IllegalStateException if a send fails (the cause says why)
   * @throws InterruptedException if interrupted while rate-limiting or flushing
   */
  public static Generated generate(String bootstrapServers, GeneratorConfig config) throws InterruptedException {
    return generate(bootstrapServers, config, EventFormat.JSON);
  }

  /**
   * Generates into existing topics in a value format.
   *
   * @param bootstrapServers the brokers
   * @param config what to generate
   * @param format the values' format (markers included)
   * @return what was written
   * @throws IllegalStateException if a send fails (the cause says why)
   * @throws InterruptedException if interrupted while rate-limiting or flushing
   */
  public static Generated generate(String bootstrapServers, GeneratorConfig config, EventFormat format)
      throws InterruptedException {
    try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(bootstrapServers))) {
      return generate(producer, config, System.nanoTime(), format);
    }
  }

  /**
   * Generates through a producer of byte keys and values.
   *
   * @param producer the producer (not closed)
   * @param config what to generate
   * @return what was written
   * @throws IllegalStateException if a send fails (the cause says why)
   * @throws InterruptedException if interrupted while rate-limiting or flushing
   */
  public static Generated generate(Producer<byte[], byte[]> producer, GeneratorConfig config)
      throws InterruptedException {
    return generate(producer, config, System.nanoTime());
  }

  /**
   * Generates through a producer, event {@code n} due at {@code startNanos + n / rate} when the
   * config has a rate (so a latency probe knows when each event was due).
   *
   * @param producer the producer (not closed)
   * @param config what to generate
   * @param startNanos {@link System#nanoTime()} at which event 0 is due
   * @return what was written
   * @throws IllegalStateException if a send fails (the cause says why)
   * @throws InterruptedException if interrupted while rate-limiting or flushing
   */
  public static Generated generate(Producer<byte[], byte[]> producer, GeneratorConfig config, long startNanos)
      throws InterruptedException {
    return generate(producer, config, startNanos, EventFormat.JSON);
  }

  /**
   * As {@link #generate(Producer, GeneratorConfig, long)}, values in a format.
   *
   * @param producer the producer (not closed)
   * @param config what to generate
   * @param startNanos {@link System#nanoTime()} at which event 0 is due
   * @param format the values' format (markers included)
   * @return what was written
   * @throws IllegalStateException if a send fails (the cause says why)
   * @throws InterruptedException if interrupted while rate-limiting or flushing
   */
  public static Generated generate(Producer<byte[], byte[]> producer, GeneratorConfig config, long startNanos,
      EventFormat format) throws InterruptedException {
    return generate(producer, config, startNanos, format, null);
  }

  /**
   * As {@link #generate(Producer, GeneratorConfig, long, EventFormat)}, each acknowledged send also
   * told to an observer (so a latency probe knows when each event was appended).
   *
   * @param producer the producer (not closed)
   * @param config what to generate
   * @param startNanos {@link System#nanoTime()} at which event 0 is due
   * @param format the values' format (markers included)
   * @param observer told of every acknowledged send, events and markers, or null for none
   * @return what was written
   * @throws IllegalStateException if a send fails (the cause says why)
   * @throws InterruptedException if interrupted while rate-limiting or flushing
   */
  public static Generated generate(Producer<byte[], byte[]> producer, GeneratorConfig config, long startNanos,
      EventFormat format, AppendObserver observer) throws InterruptedException {
    EventGenerator generator = new EventGenerator(config);
    long persons = 0;
    long auctions = 0;
    long bids = 0;
    long start = startNanos;
    long maxBehind = 0;
    Failure failure = new Failure();
    for (long n = 0; n < config.events(); n++) {
      if (config.ratePerSecond() > 0 && n % 100 == 0) {
        long due = start + n * 1_000_000_000L / config.ratePerSecond();
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        } else {
          maxBehind = Math.max(maxBehind, -wait);
        }
      }
      failure.check();
      Event event = generator.event(n);
      ProducerRecord<byte[], byte[]> record;
      if (event instanceof Person p) {
        persons++;
        record = new ProducerRecord<>(NexmarkTopics.PERSON, null, p.dateTime(), NexmarkJson.key(p.id()),
            format.encode(p));
      } else if (event instanceof Auction a) {
        auctions++;
        record = new ProducerRecord<>(NexmarkTopics.AUCTION, null, a.dateTime(), NexmarkJson.key(a.id()),
            format.encode(a));
      } else {
        Bid b = (Bid) event;
        bids++;
        record = new ProducerRecord<>(NexmarkTopics.BID, null, b.dateTime(), NexmarkJson.key(b.auction()),
            format.encode(b));
      }
      producer.send(record, observer == null ? failure : observed(failure, observer, n));
    }
    long endTime = endMarkerTime(config);
    Map<String, byte[]> markers = Map.of(
        NexmarkTopics.PERSON, format.encode(Person.endMarker(endTime)),
        NexmarkTopics.AUCTION, format.encode(Auction.endMarker(endTime)),
        NexmarkTopics.BID, format.encode(Bid.endMarker(endTime)));
    for (String topic : NexmarkTopics.all()) {
      int partitions = producer.partitionsFor(topic).size();
      for (int p = 0; p < partitions; p++) {
        producer.send(new ProducerRecord<>(topic, p, endTime, NexmarkJson.key(Event.END_MARKER_ID), markers.get(topic)),
            observer == null ? failure : observed(failure, observer, AppendObserver.END_MARKER));
      }
    }
    producer.flush();
    failure.check();
    long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    return new Generated(config.events(), persons, auctions, bids, config.timeOf(0),
        config.timeOf(config.events() - 1), endTime, elapsedMs, maxBehind / 1_000_000);
  }

  /** The failure check, then (for a send that succeeded) the observer. */
  private static org.apache.kafka.clients.producer.Callback observed(Failure failure, AppendObserver observer,
      long eventNumber) {
    return (metadata, e) -> {
      failure.onCompletion(metadata, e);
      if (e == null) {
        observer.appended(eventNumber, metadata.topic(), metadata.partition(), metadata.timestamp());
      }
    };
  }

  /** Remembers the first failed send; the generation stops at the next check. */
  private static final class Failure implements org.apache.kafka.clients.producer.Callback {
    private volatile Exception first;

    @Override
    public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
      if (e != null && first == null) {
        first = e;
      }
    }

    void check() {
      Exception e = first;
      if (e != null) {
        throw new IllegalStateException("a send to the Nexmark topics failed", e);
      }
    }
  }

  /**
   * Rethrows an admin future's cause.
   *
   * @param e the failure
   * @return never
   */
  static RuntimeException unwrap(ExecutionException e) {
    return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
  }
}
