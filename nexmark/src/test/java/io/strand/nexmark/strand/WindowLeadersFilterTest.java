package io.strand.nexmark.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.metrics.MetricsRegistry;
import io.strand.nexmark.model.Bid;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.KeyValue;
import io.strand.streams.ProcessorContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Q7's first step passes on: every bid that can still be its window's highest, and no other. */
class WindowLeadersFilterTest {

  private static final long SIZE = 10_000;

  /** The task side the filter sees: the record's time and the watermark set by the test, forwards kept. */
  private static final class Task implements ProcessorContext<String, HighestBids> {
    final List<KeyValue<String, HighestBids>> forwarded = new ArrayList<>();
    long timestamp;
    long watermark = Long.MIN_VALUE;

    @Override
    public void forward(String key, HighestBids value) {
      forwarded.add(KeyValue.pair(key, value));
    }

    @Override
    public <K, V> KeyValueStore<K, V> getStore(String name) {
      throw new UnsupportedOperationException("the filter keeps no store");
    }

    @Override
    public long timestamp() {
      return timestamp;
    }

    @Override
    public long watermark() {
      return watermark;
    }

    @Override
    public String taskName() {
      return "Partition 0";
    }

    @Override
    public MetricsRegistry metrics() {
      throw new UnsupportedOperationException();
    }
  }

  private static void bid(WindowLeadersFilter f, Task t, long auction, long price, long time) {
    t.timestamp = time;
    f.process(Long.toString(auction), new Bid(auction, 7, price, "c", "u", time, "x"));
  }

  private static List<String> passed(Task t) {
    return t.forwarded.stream().map(kv -> kv.key() + ":" + kv.value().bids().get(0).auction() + "@" + kv.value().price()
        + "[" + kv.value().bids().get(0).windowStart() + "," + kv.value().bids().get(0).windowEnd() + ")").toList();
  }

  @Test
  void passesBidsAtOrAboveTheWindowsHighestSoFarAndDropsTheOthers() {
    Task t = new Task();
    WindowLeadersFilter f = new WindowLeadersFilter(SIZE);
    f.init(t);
    bid(f, t, 1, 100, 20_001);
    bid(f, t, 2, 90, 20_002);   // below 100: never the highest
    bid(f, t, 3, 100, 20_003);  // a tie: may be one of the leaders
    bid(f, t, 4, 50, 30_000);   // the next window starts over
    bid(f, t, 5, 120, 29_999);  // back in the first window, above its highest
    bid(f, t, 6, 110, 29_998);  // below the first window's 120, though above the second's 50
    bid(f, t, 7, 40, 30_500);   // below the second window's 50
    assertEquals(List.of("20000:1@100[20000,30000)", "20000:3@100[20000,30000)", "30000:4@50[30000,40000)",
        "20000:5@120[20000,30000)"), passed(t));
  }

  @Test
  void dropsBidsOfClosedWindowsAndForgetsThem() {
    Task t = new Task();
    WindowLeadersFilter f = new WindowLeadersFilter(SIZE);
    f.init(t);
    bid(f, t, 1, 100, 5_000);
    t.watermark = 10_000;
    f.onWatermark(10_000);
    bid(f, t, 2, 500, 9_999);   // its window [0, 10000) closed: late, as the windowed aggregate has it
    bid(f, t, 3, 1, 10_000);    // a new window: passed on whatever its price
    assertEquals(List.of("0:1@100[0,10000)", "10000:3@1[10000,20000)"), passed(t));
  }

  @Test
  void aRestartedTaskPassesOnMoreNeverFewer() {
    Task before = new Task();
    WindowLeadersFilter f = new WindowLeadersFilter(SIZE);
    f.init(before);
    bid(f, before, 1, 100, 1_000);
    Task after = new Task();
    WindowLeadersFilter restarted = new WindowLeadersFilter(SIZE);
    restarted.init(after);
    bid(restarted, after, 2, 60, 2_000); // the forgotten 100 no longer filters it
    bid(restarted, after, 3, 100, 3_000);
    bid(restarted, after, 4, 99, 4_000);
    assertEquals(List.of("0:2@60[0,10000)", "0:3@100[0,10000)"), passed(after));
  }
}
