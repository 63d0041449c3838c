package io.strand.nexmark.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.engine.EndOfInput;
import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkResults;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.ReferenceResults;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs all nine Flink queries in one job on one local MiniCluster (a start costs seconds) over
 * generated events, split into {@value NexmarkTopics#PARTITIONS} partitions per topic as the
 * generator partitions them, each partition its own source with its own watermarks and ending with
 * an end-of-input marker, and compares every query's results, normalized as the harness does ({@link NexmarkResults}),
 * with the in-memory model answer ({@link ReferenceResults}).
 */
class FlinkQueriesTest {

  private static final long EVENTS = 20_000;
  /** 500 events per second of event time: 40 s, so several windows of every query. */
  private static final long INTER_EVENT_DELAY_US = 2_000;

  private static List<Event> events;
  private static final Map<Query, List<KeyedOutput>> FLINK = new EnumMap<>(Query.class);

  /** A query's output record tagged with the query, so one job can collect all nine. */
  public record Tagged(String query, long key, byte[] value) {
  }

  @BeforeAll
  static void runAllQueries() throws Exception {
    GeneratorConfig config = new GeneratorConfig(EVENTS, 7, GeneratorConfig.DEFAULT_BASE_TIME_MS, INTER_EVENT_DELAY_US, 0);
    EventGenerator generator = new EventGenerator(config);
    events = new ArrayList<>();
    for (long n = 0; n < EVENTS; n++) {
      events.add(generator.event(n));
    }
    long markerTime = generator.latestTime(EVENTS) + 60_000;

    Configuration conf = new Configuration();
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    PartitionedStreams inputs = new PartitionedStreams(env, events, markerTime);
    DataStream<Tagged> all = null;
    for (Query q : Query.values()) {
      String id = q.id();
      DataStream<Tagged> tagged = FlinkQueries.build(q, inputs)
          .map(o -> new Tagged(id, o.key(), o.value())).returns(TypeInformation.of(Tagged.class));
      all = all == null ? tagged : all.union(tagged);
    }
    try (CloseableIterator<Tagged> results = all.executeAndCollect("nexmark-flink-test")) {
      results.forEachRemaining(t -> FLINK.computeIfAbsent(Query.of(t.query()), k -> new ArrayList<>())
          .add(new KeyedOutput(t.key(), t.value())));
    }
  }

  @ParameterizedTest
  @EnumSource(Query.class)
  void queryMatchesTheReference(Query query) {
    NexmarkResults.Results expected = ReferenceResults.compute(query, events);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (KeyedOutput o : FLINK.getOrDefault(query, List.of())) {
      records.add(new ConsumerRecord<>(query.outputTopic(FlinkEngine.NAME), 0, records.size(),
          NexmarkJson.key(o.key()), o.value()));
    }
    NexmarkResults.Results actual = NexmarkResults.normalize(query, "flink", records);
    assertTrue(expected.size() > 0, "the events give " + query + " results");
    assertEquals(List.of(), NexmarkResults.differences(expected, actual, 5), query + " differs from the reference");
  }

  @ParameterizedTest
  @EnumSource(value = Query.class, names = {"Q0", "Q3"})
  void everyMarkerWasNotedAndDropped(Query query) {
    // Every input record passed EndOfInput.keep once; markers never reached an output.
    for (String topic : NexmarkTopics.all()) {
      assertEquals(NexmarkTopics.PARTITIONS, EndOfInput.markers(topic) / countOf(topic), topic);
    }
    assertTrue(FLINK.get(query).stream().noneMatch(o -> o.key() == Event.END_MARKER_ID));
  }

  /** How many queries read the topic: each reads its own copy of the markers in this job. */
  private static long countOf(String topic) {
    return java.util.Arrays.stream(Query.values()).filter(q -> q.inputs().contains(topic)).count();
  }

  /**
   * The events as the generator writes them: per topic, {@value NexmarkTopics#PARTITIONS}
   * partitions by Kafka's default partitioner, each ending with an end-of-input marker; each
   * partition a bounded source with its own watermarks, the partitions of a topic unioned (so an
   * operator's watermark is the minimum over partitions, as with Kafka).
   */
  private static final class PartitionedStreams implements EventStreams {
    private final StreamExecutionEnvironment env;
    private final List<Event> events;
    private final long markerTime;
    private final Map<Class<?>, DataStream<?>> streams = new HashMap<>();

    PartitionedStreams(StreamExecutionEnvironment env, List<Event> events, long markerTime) {
      this.env = env;
      this.events = events;
      this.markerTime = markerTime;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Event> DataStream<T> of(Class<T> type) {
      return (DataStream<T>) streams.computeIfAbsent(type, t -> partitioned(type));
    }

    private <T extends Event> DataStream<T> partitioned(Class<T> type) {
      Function<T, Long> key;
      T marker;
      if (type == Person.class) {
        key = e -> ((Person) e).id();
        marker = type.cast(Person.endMarker(markerTime));
      } else if (type == Auction.class) {
        key = e -> ((Auction) e).id();
        marker = type.cast(Auction.endMarker(markerTime));
      } else {
        key = e -> ((Bid) e).auction();
        marker = type.cast(Bid.endMarker(markerTime));
      }
      List<List<T>> partitions = new ArrayList<>();
      for (int p = 0; p < NexmarkTopics.PARTITIONS; p++) {
        partitions.add(new ArrayList<>());
      }
      for (Event e : events) {
        if (type.isInstance(e)) {
          T event = type.cast(e);
          partitions.get(Utils.toPositive(Utils.murmur2(NexmarkJson.key(key.apply(event)))) % NexmarkTopics.PARTITIONS)
              .add(event);
        }
      }
      DataStream<T> union = null;
      for (List<T> partition : partitions) {
        partition.add(marker);
        DataStream<T> source = env.fromData(partition, TypeInformation.of(type))
            .assignTimestampsAndWatermarks(KafkaConnections.watermarks());
        union = union == null ? source : union.union(source);
      }
      return union;
    }
  }
}
