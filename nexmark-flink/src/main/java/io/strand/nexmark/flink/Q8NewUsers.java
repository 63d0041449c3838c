package io.strand.nexmark.flink;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import io.strand.nexmark.query.results.NewUser;
import java.time.Duration;
import org.apache.flink.api.common.functions.CoGroupFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Q8, new users: a windowed co-group of persons (by id) and auctions (by seller) in tumbling
 * event-time windows of 10 s. A co-group rather than a window join: a person with several auctions
 * in the window gives one result, not one per pair.
 */
final class Q8NewUsers {

  private Q8NewUsers() {
  }

  static DataStream<KeyedOutput> build(DataStream<Person> persons, DataStream<Auction> auctions) {
    return persons.coGroup(auctions)
        .where(Person::id, Types.LONG)
        .equalTo(Auction::seller, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(NexmarkSemantics.Q8_WINDOW_MS)))
        .apply(new NewUsers(), Types.POJO(KeyedOutput.class))
        .name("q8-new-users");
  }

  /** Each person of the window who has an auction in it. */
  static final class NewUsers implements CoGroupFunction<Person, Auction, KeyedOutput> {
    private static final long serialVersionUID = 1L;

    @Override
    public void coGroup(Iterable<Person> persons, Iterable<Auction> auctions, Collector<KeyedOutput> out) {
      if (!auctions.iterator().hasNext()) {
        return;
      }
      long size = NexmarkSemantics.Q8_WINDOW_MS;
      for (Person p : persons) {
        // The co-group function is not told its window: the person's time lies in it.
        long start = TimeWindow.getWindowStartWithOffset(p.dateTime(), 0, size);
        out.collect(KeyedOutput.of(p.id(), new NewUser(p.id(), p.name(), start, start + size)));
      }
    }
  }
}
