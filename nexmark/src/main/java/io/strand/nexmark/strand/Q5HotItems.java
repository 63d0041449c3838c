package io.strand.nexmark.strand;

import io.strand.nexmark.model.Bid;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.Query;
import io.strand.nexmark.query.results.HotItem;
import io.strand.streams.Grouped;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.Produced;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.TimeWindows;
import java.time.Duration;

/**
 * {@link Query#Q5} on Strand's streams API, in three steps. First the bids per auction per
 * hopping window (10 s every 2 s; bids are keyed by auction, so no repartition), final when the
 * window closes; each final count carries the event time {@code end - 1}. Then, in the same task,
 * a partial leaders step ({@link CountLeadersFilter}) passes on, keyed by the window's start, only
 * the counts at or above the highest count the task has seen for that window (ties kept). Then
 * those candidates, through one repartition, into tumbling windows of the advance (2 s), which
 * hold exactly the candidates of one hopping window (their times are all {@code end - 1}) and
 * close only once every upstream task's watermark has passed that end, i.e. after every candidate
 * of the window arrived: the leaders ({@link HotItems}) are then final.
 *
 * <p>The plan is the same in all three engines: Flink's q5 has the same per-subtask step chained
 * after its window operator, Kafka Streams' the same per-task step before its exchange; as in q7,
 * only the candidates cross the repartition, not every auction's count.
 */
public final class Q5HotItems implements StreamApplication {

  /** Created by the config loader. */
  public Q5HotItems() {
  }

  @Override
  public void describe(StreamGraph graph) {
    Sources.bids(graph)
        .groupByKey(Grouped.with(NexmarkSerdes.KEY, NexmarkSerdes.json(Bid.class)))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(NexmarkSemantics.Q5_WINDOW_MS))
            .advanceBy(Duration.ofMillis(NexmarkSemantics.Q5_ADVANCE_MS)))
        .count(Materialized.<String, Long>as("q5-counts").withSerdes(NexmarkSerdes.KEY, new io.strand.serializers.LongSerde()))
        .process(() -> new CountLeadersFilter(NexmarkSemantics.Q5_WINDOW_MS))
        .groupByKey(new Grouped<>("q5-by-window", NexmarkSerdes.KEY, NexmarkSerdes.binary(HotItems.class)))
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(NexmarkSemantics.Q5_ADVANCE_MS)))
        .aggregate(() -> HotItems.NONE, (start, counts, leaders) -> leaders.merge(counts),
            Materialized.<String, HotItems>as("q5-leaders").withSerdes(NexmarkSerdes.KEY,
                NexmarkSerdes.binary(HotItems.class)))
        .flatMap((w, leaders) -> leaders.items().stream()
            .map(item -> KeyValue.pair(Long.toString(item.auction()), item)).toList())
        .to(Sources.output(graph, Query.Q5), Produced.with(NexmarkSerdes.KEY, NexmarkSerdes.json(HotItem.class)));
  }
}
