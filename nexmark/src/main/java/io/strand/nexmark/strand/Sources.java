package io.strand.nexmark.strand;

import io.strand.nexmark.engine.EndOfInput;
import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.streams.Consumed;
import io.strand.streams.KStream;
import io.strand.streams.StreamGraph;

/**
 * The three inputs as Strand streams: event time the record timestamp (the event's
 * {@code dateTime}), watermark {@link NexmarkSemantics#WATERMARK_LAG_MS} behind, end-of-input
 * markers reported to {@link EndOfInput} and dropped right after the source (their time has
 * already moved the partition's watermark). Also the output topic of a job.
 */
final class Sources {

  /** The job key naming the output topic (default: the query's {@code nexmark-q<N>-strand}). */
  static final String OUTPUT = "nexmark.output";
  /** The job key with the generation's longest auction, ms (Q4's join window). */
  static final String MAX_AUCTION_DURATION_MS = "nexmark.max.auction.duration.ms";

  private Sources() {
  }

  static KStream<String, Bid> bids(StreamGraph graph) {
    return read(graph, NexmarkTopics.BID, Bid.class);
  }

  static KStream<String, Auction> auctions(StreamGraph graph) {
    return read(graph, NexmarkTopics.AUCTION, Auction.class);
  }

  static KStream<String, Person> persons(StreamGraph graph) {
    return read(graph, NexmarkTopics.PERSON, Person.class);
  }

  static String output(StreamGraph graph, io.strand.nexmark.query.Query query) {
    return graph.config().get(OUTPUT, query.outputTopic("strand"));
  }

  private static <V extends Event> KStream<String, V> read(StreamGraph graph, String topic, Class<V> type) {
    Consumed<String, V> consumed = new Consumed<>(NexmarkSerdes.KEY, NexmarkSerdes.event(type), null,
        NexmarkSemantics.WATERMARK_LAG_MS, -1);
    KStream<String, V> stream = graph.stream(topic, consumed);
    return stream.filter((k, v) -> EndOfInput.keep(v));
  }
}
