package io.strand.nexmark.kstreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.generator.NexmarkGenerator;
import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkResults;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.ReferenceResults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each query's topology in Kafka Streams' {@code TopologyTestDriver} against {@link ReferenceResults}:
 * generated events go in in event order (as one partition of each topic), then the end-of-input
 * markers; the output must equal the truth as {@code NexmarkResults} compares engines. Two
 * generations: 96 s of event time at 83 events/s (many windows, sessions and expiries) and
 * 0.6 s at the default 10 000 events/s (many events per millisecond).
 */
class KStreamsTopologiesTest {

  private static final GeneratorConfig SPARSE =
      new GeneratorConfig(8_000, 11, GeneratorConfig.DEFAULT_BASE_TIME_MS, 12_000, 0);
  private static final GeneratorConfig DENSE = GeneratorConfig.of(6_000, 12);

  @ParameterizedTest
  @EnumSource(Query.class)
  void sparseEventsGiveTheTruth(Query query) {
    assertMatchesTruth(query, SPARSE);
  }

  @ParameterizedTest
  @EnumSource(Query.class)
  void denseEventsGiveTheTruth(Query query) {
    assertMatchesTruth(query, DENSE);
  }

  private static void assertMatchesTruth(Query query, GeneratorConfig config) {
    EventGenerator generator = new EventGenerator(config);
    List<Event> events = new ArrayList<>();
    for (long n = 0; n < config.events(); n++) {
      events.add(generator.event(n));
    }
    List<ConsumerRecord<byte[], byte[]>> output = run(query, events, NexmarkGenerator.endMarkerTime(config));
    NexmarkResults.Results actual = NexmarkResults.normalize(query, "kstreams", output);
    NexmarkResults.Results truth = ReferenceResults.compute(query, events);
    assertTrue(truth.size() > 0, "the truth has results");
    assertEquals(List.of(), NexmarkResults.differences(actual, truth, 10),
        query.id() + ": " + actual.size() + " results against " + truth.size());
  }

  /** Runs a query's topology over the events and the markers; returns its output records. */
  static List<ConsumerRecord<byte[], byte[]>> run(Query query, List<Event> events, long markerTime) {
    KStreamsTopologies.Built built = KStreamsTopologies.build(query, "exchange");
    Properties props = new Properties();
    props.putAll(KafkaStreamsEngine.topologySettings(!built.exchangeTopics().isEmpty()));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "nexmark-" + query.id());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // The driver runs every sub-topology in one task, whose exchange partitions are mostly empty:
    // waiting for them would stall it. It processes each record to the end before the next anyway.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
    // The logic under test, not RocksDB: in-memory stores keep the tests fast.
    props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
    try (TopologyTestDriver driver = new TopologyTestDriver(built.topology(), props)) {
      Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
      for (String topic : query.inputs()) {
        inputs.put(topic, driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer()));
      }
      for (Event e : events) {
        TestInputTopic<byte[], byte[]> in = inputs.get(topic(e));
        if (in != null) {
          in.pipeInput(new TestRecord<>(NexmarkJson.key(id(e)), NexmarkJson.write(e), null,
              Instant.ofEpochMilli(e.dateTime())));
        }
      }
      for (int p = 0; p < NexmarkTopics.PARTITIONS; p++) {
        for (String topic : query.inputs()) {
          Event marker = switch (topic) {
            case NexmarkTopics.PERSON -> Person.endMarker(markerTime);
            case NexmarkTopics.AUCTION -> Auction.endMarker(markerTime);
            default -> Bid.endMarker(markerTime);
          };
          inputs.get(topic).pipeInput(new TestRecord<>(NexmarkJson.key(Event.END_MARKER_ID), NexmarkJson.write(marker),
              null, Instant.ofEpochMilli(markerTime)));
        }
      }
      return driver.createOutputTopic(query.outputTopic("kstreams"), new ByteArrayDeserializer(),
              new ByteArrayDeserializer()).readRecordsToList().stream()
          .map(r -> record(r.key(), r.value())).toList();
    }
  }

  private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
    return new ConsumerRecord<>("out", 0, 0, key, value);
  }

  private static String topic(Event e) {
    return e instanceof Person ? NexmarkTopics.PERSON : e instanceof Auction ? NexmarkTopics.AUCTION : NexmarkTopics.BID;
  }

  private static long id(Event e) {
    return e instanceof Person p ? p.id() : e instanceof Auction a ? a.id() : ((Bid) e).auction();
  }
}
