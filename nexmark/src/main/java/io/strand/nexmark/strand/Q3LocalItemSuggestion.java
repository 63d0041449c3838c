package io.strand.nexmark.strand;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.LocalItem;
import io.strand.streams.KTable;
import io.strand.streams.Materialized;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.TableJoined;

/**
 * {@link Query#Q3} on Strand's streams API: a table of category-10 auctions joined on the seller
 * (a foreign-key table-table join) with a table of persons in OR, ID or CA, so a match is found
 * whichever side arrives first. The result table's changes (tombstones included) go out keyed by
 * auction id.
 */
public final class Q3LocalItemSuggestion implements StreamApplication {

  /** Created by the config loader. */
  public Q3LocalItemSuggestion() {
  }

  @Override
  public void describe(StreamGraph graph) {
    KTable<String, Person> sellers = Sources.persons(graph)
        .filter((k, p) -> NexmarkSemantics.Q3_STATES.contains(p.state()))
        .toTable(Materialized.<String, Person>as("q3-persons").withSerdes(NexmarkSerdes.KEY,
            NexmarkSerdes.json(Person.class)));
    KTable<String, Auction> auctions = Sources.auctions(graph)
        .filter((k, a) -> a.category() == NexmarkSemantics.Q3_CATEGORY)
        .toTable(Materialized.<String, Auction>as("q3-auctions").withSerdes(NexmarkSerdes.KEY,
            NexmarkSerdes.json(Auction.class)));
    auctions.<LocalItem, String, Person>join(sellers, a -> Long.toString(a.seller()),
            (a, p) -> new LocalItem(p.name(), p.city(), p.state(), a.id()), TableJoined.as("q3-join"))
        .toStream()
        .to(Sources.output(graph, Query.Q3), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(LocalItem.class)));
  }
}
