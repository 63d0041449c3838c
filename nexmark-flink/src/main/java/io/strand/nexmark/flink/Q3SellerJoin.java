package io.strand.nexmark.flink;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Person;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Q3's join, keyed by person id: persons (already filtered by state) on one side, auctions (already
 * filtered by category) by seller on the other. Keeps the seller once seen and, until then, the
 * seller's auctions; emits one result per pair whichever side arrives last. Processing time plays
 * no part and event time none either: a table-table join has no window.
 */
final class Q3SellerJoin extends KeyedCoProcessFunction<Long, Person, Auction, KeyedOutput> {
  private static final long serialVersionUID = 1L;

  private transient ValueState<Person> seller;
  private transient ListState<Auction> waiting;

  @Override
  public void open(OpenContext context) {
    seller = getRuntimeContext().getState(new ValueStateDescriptor<>("seller", Person.class));
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("auctions-without-seller", Auction.class));
  }

  @Override
  public void processElement1(Person person, Context ctx, Collector<KeyedOutput> out) throws Exception {
    seller.update(person);
    Iterable<Auction> auctions = waiting.get();
    if (auctions != null) {
      for (Auction auction : auctions) {
        out.collect(FlinkQueries.localItem(person, auction));
      }
    }
    waiting.clear();
  }

  @Override
  public void processElement2(Auction auction, Context ctx, Collector<KeyedOutput> out) throws Exception {
    Person person = seller.value();
    if (person != null) {
      out.collect(FlinkQueries.localItem(person, auction));
    } else {
      waiting.add(auction);
    }
  }
}
