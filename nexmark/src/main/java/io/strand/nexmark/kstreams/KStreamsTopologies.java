package io.strand.nexmark.kstreams;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.Query;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The Kafka Streams DSL topology of each Nexmark query ({@link Query} says what each computes).
 *
 * <p>Inputs are read with {@link JsonSerde#input} serdes (which report every record to
 * {@code EndOfInput}) and keys as strings. End-of-input markers stay in the streams as far as a
 * windowed operator needs them to advance its stream time; queries without event-time windows
 * (q0 to q4) drop them at once. Where markers do reach a windowed store (keyed {@code "-1"}, at the
 * markers' time, later than every event), their windows never close, so they never reach an output.
 */
final class KStreamsTopologies {

  /** The engine's name in output topics. */
  static final String ENGINE = "kstreams";
  /** The key of end-of-input markers once re-keyed: {@code Event.END_MARKER_ID} as a string. */
  static final String MARKER_KEY = "-1";

  static final Serde<String> KEYS = Serdes.String();
  static final Serde<Bid> BID_INPUT = JsonSerde.input(Bid.class);
  static final Serde<Person> PERSON_INPUT = JsonSerde.input(Person.class);
  static final Serde<Auction> AUCTION_INPUT = JsonSerde.input(Auction.class);

  private KStreamsTopologies() {
  }

  /**
   * A query's topology and the exchange topics it needs.
   *
   * @param topology the topology
   * @param exchangeTopics topics to create before starting it ({@link Exchange})
   */
  record Built(Topology topology, List<Exchange.Topic> exchangeTopics) {
  }

  /**
   * Builds a query's topology.
   *
   * @param query the query
   * @param exchangePrefix prefix of the exchange topics, unique per run
   * @return the topology and its exchange topics
   */
  static Built build(Query query, String exchangePrefix) {
    StreamsBuilder builder = new StreamsBuilder();
    Exchange exchange = new Exchange(exchangePrefix);
    switch (query) {
      case Q0 -> SelectionQueries.q0(builder);
      case Q1 -> SelectionQueries.q1(builder);
      case Q2 -> SelectionQueries.q2(builder);
      case Q3 -> JoinQueries.q3(builder);
      case Q4 -> JoinQueries.q4(builder);
      case Q5 -> WindowQueries.q5(builder, exchange);
      case Q7 -> WindowQueries.q7(builder, exchange);
      case Q8 -> JoinQueries.q8(builder, exchange);
      case Q11 -> WindowQueries.q11(builder, exchange);
      default -> throw new UnsupportedOperationException("no Kafka Streams version of " + query.id());
    }
    return new Built(builder.build(), exchange.topics());
  }

  static KStream<String, Bid> bids(StreamsBuilder builder) {
    return builder.stream(NexmarkTopics.BID, Consumed.with(KEYS, BID_INPUT));
  }

  static KStream<String, Person> persons(StreamsBuilder builder) {
    return builder.stream(NexmarkTopics.PERSON, Consumed.with(KEYS, PERSON_INPUT));
  }

  static KStream<String, Auction> auctions(StreamsBuilder builder) {
    return builder.stream(NexmarkTopics.AUCTION, Consumed.with(KEYS, AUCTION_INPUT));
  }

  static <V> void output(KStream<String, V> results, Query query, Class<V> type) {
    results.to(query.outputTopic(ENGINE), Produced.with(KEYS, JsonSerde.of(type)));
  }
}
