package io.strand.nexmark.strand;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.BidderSession;
import io.strand.serializers.LongSerde;
import io.strand.streams.Grouped;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Produced;
import io.strand.streams.SessionWindows;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import java.time.Duration;

/**
 * {@link Query#Q11} on Strand's streams API: bids re-keyed by bidder (one repartition), counted
 * in session windows with a 10 s gap, final when a session closes. Strand's session window ends
 * 1 ms after its last record; the result's {@code windowEnd} is the last bid's time.
 */
public final class Q11UserSessions implements StreamApplication {

  /** Created by the config loader. */
  public Q11UserSessions() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Sources.bids(graph)
        .groupBy((auction, b) -> Long.toString(b.bidder()),
            new Grouped<>("q11-by-bidder", NexmarkSerdes.KEY, NexmarkSerdes.json(Bid.class)))
        .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(NexmarkSemantics.Q11_GAP_MS)))
        .count(Materialized.<String, Long>as("q11-sessions").withSerdes(NexmarkSerdes.KEY, new LongSerde()))
        .map((w, count) -> KeyValue.pair(w.key(), new BidderSession(Long.parseLong(w.key()), count,
            w.window().startMs(), w.window().endMs() - 1)))
        .to(Sources.output(graph, Query.Q11), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(BidderSession.class)));
  }
}
