package io.strand.nexmark.strand;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.NewUser;
import io.strand.streams.Grouped;
import io.strand.streams.JoinWindows;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.StreamJoined;
import io.strand.streams.TimeWindows;
import java.time.Duration;

/**
 * {@link Query#Q8} on Strand's streams API: persons joined with auctions re-keyed by seller in a
 * windowed stream-stream join (times at most one window apart), pairs kept when both lie in the
 * same tumbling 10 s window; then one result per person and window: the pairs (whose event time,
 * the later of the two, is in that window) reduced in the same tumbling windows.
 */
public final class Q8NewUsers implements StreamApplication {

  /** Created by the config loader. */
  public Q8NewUsers() {
  }

  @Override
  public void describe(StreamGraph graph) {
    long size = NexmarkSemantics.Q8_WINDOW_MS;
    var sellers = Sources.auctions(graph).selectKey((id, a) -> Long.toString(a.seller()));
    Sources.persons(graph)
        .join(sellers,
            (Person p, Auction a) -> Math.floorDiv(p.dateTime(), size) == Math.floorDiv(a.dateTime(), size)
                ? new NewUser(p.id(), p.name(), Math.floorDiv(p.dateTime(), size) * size,
                    Math.floorDiv(p.dateTime(), size) * size + size)
                : null,
            JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(size)),
            StreamJoined.with(NexmarkSerdes.KEY, NexmarkSerdes.json(Person.class), NexmarkSerdes.json(Auction.class))
                .withName("q8-join").withStoreName("q8-join"))
        .filter((id, user) -> user != null)
        .groupByKey(Grouped.with(NexmarkSerdes.KEY, NexmarkSerdes.json(NewUser.class)))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(size)))
        .reduce((first, again) -> first, Materialized.<String, NewUser>as("q8-users").withSerdes(NexmarkSerdes.KEY,
            NexmarkSerdes.json(NewUser.class)))
        .map((w, user) -> KeyValue.pair(w.key(), user))
        .to(Sources.output(graph, Query.Q8), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(NewUser.class)));
  }
}
