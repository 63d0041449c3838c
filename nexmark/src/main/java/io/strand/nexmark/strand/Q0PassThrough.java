package io.strand.nexmark.strand;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.Query;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;

/** {@link Query#Q0} on Strand's streams API: every bid, unchanged. */
public final class Q0PassThrough implements StreamApplication {

  /** Created by the config loader. */
  public Q0PassThrough() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Sources.bids(graph).to(Sources.output(graph, Query.Q0), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(Bid.class)));
  }
}
