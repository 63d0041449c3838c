package io.strand.nexmark.kstreams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.nexmark.model.Bid;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Kafka Streams' q7 first step passes on, in a real task of {@code TopologyTestDriver} (its
 * stream time from the record timestamps): every bid that can still be its window's highest, and
 * no other.
 */
class WindowLeadersFilterTest {

  private static final long SIZE = 10_000;
  private static final long GRACE = 2_000;
  private static final Serde<Bid> BIDS = JsonSerde.of(Bid.class);

  private TopologyTestDriver driver;
  private TestInputTopic<String, Bid> in;
  private TestOutputTopic<String, Bid> out;

  /** A task with the filter between a source and a sink. */
  private void start() {
    Topology topology = new Topology();
    topology.addSource("bids", Serdes.String().deserializer(), BIDS.deserializer(), "bids");
    topology.addProcessor("filter", () -> new WindowLeadersFilter(SIZE, GRACE), "bids");
    topology.addSink("out", "out", Serdes.String().serializer(), BIDS.serializer(), "filter");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "window-leaders-filter");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(topology, props);
    in = driver.createInputTopic("bids", Serdes.String().serializer(), BIDS.serializer());
    out = driver.createOutputTopic("out", Serdes.String().deserializer(), BIDS.deserializer());
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
  }

  private void bid(long auction, long time, long price) {
    Bid bid = new Bid(auction, 7, price, "Google", "u", time, "");
    in.pipeInput(new TestRecord<>(Long.toString(auction), bid, null, Instant.ofEpochMilli(time)));
  }

  /** Each passed bid as {@code key:auction@price t=timestamp}. */
  private List<String> passed() {
    return out.readRecordsToList().stream()
        .map(r -> r.key() + ":" + r.value().auction() + "@" + r.value().price() + " t=" + r.timestamp())
        .toList();
  }

  @Test
  void passesBidsAtOrAboveTheWindowsHighestSoFarAndDropsTheOthers() {
    start();
    bid(1, 1_000, 30);
    bid(2, 2_000, 20);   // below 30: never the highest
    bid(3, 3_000, 30);   // a tie: may be one of the leaders
    bid(4, 10_500, 5);   // the next window starts over
    bid(5, 9_000, 40);   // back in the first window (still open: 10 500 - grace < 10 000), above its highest
    bid(6, 9_500, 35);   // below the first window's 40, though above the second's 5
    bid(7, 11_000, 5);   // a tie in the second window
    bid(8, 11_500, 4);   // below the second window's 5
    assertEquals(List.of("0:1@30 t=1000", "0:3@30 t=3000", "10000:4@5 t=10500", "0:5@40 t=9000",
        "10000:7@5 t=11000"), passed());
  }

  @Test
  void forgetsAWindowOnceStreamTimeLessTheGracePassedItsEndAndPassesItsLateBids() {
    start();
    bid(1, 5_000, 50);
    bid(2, 11_000, 50);
    bid(3, 9_000, 10);   // stream time 11 000 less the grace is before 10 000: still filtered
    bid(4, 12_000, 40);  // stream time 12 000 less the grace reaches 10 000: [0, 10000) is forgotten
    bid(5, 9_500, 10);   // late: passed on, the windowed aggregate decides
    bid(6, 12_500, 49);  // [10000, 20000) is still known: dropped
    assertEquals(List.of("0:1@50 t=5000", "10000:2@50 t=11000", "0:5@10 t=9500"), passed());
  }

  @Test
  void passesEndOfInputMarkersKeyedAsMarkers() {
    start();
    bid(1, 1_000, 30);
    Bid marker = Bid.endMarker(5_000);
    in.pipeInput(new TestRecord<>("-1", marker, null, Instant.ofEpochMilli(5_000)));
    assertEquals(List.of("0:1@30 t=1000", "-1:-1@0 t=5000"), passed());
  }

  @Test
  void aRestartedTaskPassesOnMoreNeverFewer() {
    start();
    bid(1, 1_000, 90);
    assertEquals(List.of("0:1@90 t=1000"), passed());
    driver.close();
    start(); // no store: the new task has forgotten the 90
    bid(2, 2_000, 60);
    bid(3, 3_000, 90);
    bid(4, 4_000, 80);
    assertEquals(List.of("0:2@60 t=2000", "0:3@90 t=3000"), passed());
  }
}
