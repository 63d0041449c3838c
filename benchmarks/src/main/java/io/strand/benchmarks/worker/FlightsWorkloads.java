package io.strand.benchmarks.worker;

import io.strand.benchmarks.flights.FlightsDsl;
import io.strand.benchmarks.flights.FlightsJobConfig;
import io.strand.benchmarks.flights.FlightsLoop;
import io.strand.benchmarks.flights.FlightsRunTopics;
import io.strand.benchmarks.flights.JacksonSerde;
import io.strand.benchmarks.progress.Progress;
import io.strand.benchmarks.workload.ClientSettings;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.samples.flights.Airport;
import io.strand.samples.flights.AirportDelayTotal;
import io.strand.samples.flights.AirportHourlyDelay;
import io.strand.samples.flights.Flight;
import io.strand.samples.flights.FlightCsv;
import io.strand.samples.flights.FlightTopics;
import io.strand.samples.flights.MalformedFlightException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Runs a flights workload ({@link io.strand.benchmarks.workload.Kind#FLIGHTS}) on the raw loop or
 * on Kafka Streams; Strand's two run through {@link StrandWorkloads} with
 * {@link FlightsJobConfig}. Every engine's timed window starts at its first flight (the airports
 * table is read before) and ends once its last output is acknowledged and its offsets committed.
 *
 * <ul>
 *   <li>Raw: one thread, one consumer over every flights partition (read to the end offsets seen
 *       at its start, as Strand's bounded input), one producer, the job's state in a
 *       {@link FlightsLoop}; running totals every {@link FlightsJobConfig#WINDOW_MS}, flush and
 *       offset commit every {@link FlightsJobConfig#COMMIT_MS}, as the task does.
 *   <li>Kafka Streams: {@link FlightsDsl}; once every flight is processed, one end marker per
 *       partition, then wait for every airport's final totals and close (which commits).
 * </ul>
 *
 * <p>Threading: the caller's thread; Kafka Streams brings its own.
 */
final class FlightsWorkloads {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final long TIMEOUT_MS = 15 * 60_000;

  private FlightsWorkloads() {
  }

  static Outcome run(WorkerSpec spec) throws InterruptedException {
    return switch (spec.workload().engine()) {
      case RAW -> raw(spec);
      case STRAND, STRAND_APP -> StrandWorkloads.run(spec, null);
      case KAFKA_STREAMS -> streams(spec);
    };
  }

  private static Outcome raw(WorkerSpec spec) {
    Map<String, Airport> airports = airports(spec.bootstrapServers());
    AtomicReference<Exception> failure = new AtomicReference<>();
    Callback callback = (md, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    };
    String totalsTopic = FlightsRunTopics.totals(spec);
    String hourlyTopic = FlightsRunTopics.hourly(spec);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(spec, spec.jobName()));
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(spec))) {
      FlightsLoop job = new FlightsLoop(airports, FlightsJobConfig.ALLOWED_LATENESS_MS, FlightsRunTopics.PARTITIONS,
          new FlightsLoop.Sink() {
            @Override
            public void hourly(AirportHourlyDelay record) {
              producer.send(new ProducerRecord<>(hourlyTopic, utf8(record.key()), JacksonSerde.write(record)), callback);
            }

            @Override
            public void totals(AirportDelayTotal record) {
              producer.send(new ProducerRecord<>(totalsTopic, utf8(record.airport()), JacksonSerde.write(record)),
                  callback);
            }
          });
      List<TopicPartition> partitions = consumer.partitionsFor(spec.input()).stream()
          .map(p -> new TopicPartition(spec.input(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long lastWindow = System.nanoTime();
      long lastCommit = lastWindow;
      while (!atEnd(consumer, end)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          Flight f;
          try {
            f = FlightCsv.parse(new String(r.value(), StandardCharsets.UTF_8));
          } catch (MalformedFlightException e) {
            continue; // the sample dead-letters it; no engine counts it
          }
          Progress.record();
          job.process(r.partition(), f);
        }
        if (failure.get() != null) {
          throw new IllegalStateException("send failed: " + failure.get(), failure.get());
        }
        long now = System.nanoTime();
        if (now - lastWindow >= TimeUnit.MILLISECONDS.toNanos(FlightsJobConfig.WINDOW_MS)) {
          job.window();
          lastWindow = now;
        }
        if (now - lastCommit >= TimeUnit.MILLISECONDS.toNanos(FlightsJobConfig.COMMIT_MS)) {
          commit(consumer, producer, partitions);
          lastCommit = now;
        }
      }
      job.end();
      commit(consumer, producer, partitions);
      if (failure.get() != null) {
        throw new IllegalStateException("send failed: " + failure.get(), failure.get());
      }
      return new Outcome(Progress.processed(), Progress.startNanos(), System.nanoTime());
    }
  }

  private static Outcome streams(WorkerSpec spec) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    KafkaStreams streams = new KafkaStreams(FlightsDsl.topology(spec, FlightsJobConfig.ALLOWED_LATENESS_MS),
        FlightsDsl.properties(spec));
    streams.setUncaughtExceptionHandler(e -> {
      failure.compareAndSet(null, e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    try {
      while (Progress.processed() < spec.expectedRecords()) {
        check(streams, failure, deadline);
        Thread.sleep(5); // the stream thread does the work
      }
      // No end of input in Kafka Streams: markers past every window close them all (FlightsDsl).
      // Kafka Streams looks for closed windows at most once per FlightsDsl.EMIT_INTERVAL_MS of wall
      // clock: markers sent that long after the last flight find every aggregate due for a look and
      // close everything. Should finals still be missing, another round goes after another interval.
      String markers = FlightsRunTopics.endMarkers(spec);
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(spec))) {
        long sent = 0;
        while (sent == 0 || FlightsDsl.finalsSent() < FlightsDsl.originsSeen()) {
          Thread.sleep(FlightsDsl.EMIT_INTERVAL_MS);
          for (int p = 0; p < FlightsRunTopics.PARTITIONS; p++) {
            producer.send(new ProducerRecord<>(markers, p, utf8(FlightsDsl.END_ORIGIN), FlightsDsl.endMarker()));
          }
          producer.flush();
          sent += FlightsRunTopics.PARTITIONS;
          while (FlightsDsl.markersDone() < sent) {
            check(streams, failure, deadline);
            Thread.sleep(1);
          }
        }
      }
    } finally {
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(60)));
    }
    long end = System.nanoTime();
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka Streams failed: " + failure.get(), failure.get());
    }
    return new Outcome(Progress.processed(), Progress.startNanos(), end);
  }

  private static void check(KafkaStreams streams, AtomicReference<Throwable> failure, long deadline) {
    if (failure.get() != null || streams.state() == KafkaStreams.State.ERROR
        || streams.state() == KafkaStreams.State.NOT_RUNNING) {
      throw new IllegalStateException("Kafka Streams stopped (" + streams.state() + "): " + failure.get());
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("Kafka Streams did not finish within " + TIMEOUT_MS + " ms");
    }
  }

  /** The airports table, latest row per code, read to its end before the clock starts. */
  private static Map<String, Airport> airports(String bootstrap) {
    Map<String, Airport> airports = new HashMap<>();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaConsumer<byte[], byte[]> c =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = c.partitionsFor(FlightTopics.AIRPORTS).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      while (!atEnd(c, end)) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
          String code = new String(r.key(), StandardCharsets.UTF_8);
          if (r.value() == null) {
            airports.remove(code);
          } else {
            airports.put(code, JacksonSerde.read(r.value(), Airport.class));
          }
        }
      }
    }
    return airports;
  }

  private static void commit(KafkaConsumer<byte[], byte[]> consumer, KafkaProducer<byte[], byte[]> producer,
      List<TopicPartition> partitions) {
    producer.flush();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
    }
    consumer.commitSync(offsets);
  }

  private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Properties consumerProps(WorkerSpec spec, String group) {
    Properties p = new Properties();
    p.putAll(ClientSettings.consumer(false));
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  private static Properties producerProps(WorkerSpec spec) {
    Properties p = new Properties();
    p.putAll(ClientSettings.producer(false));
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
