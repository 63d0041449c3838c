package io.strand.nexmark.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.metrics.MetricsRegistry;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.KeyValue;
import io.strand.streams.ProcessorContext;
import io.strand.streams.Window;
import io.strand.streams.Windowed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Q5's partial leaders step passes on: every count that can still lead its window, and no other. */
class CountLeadersFilterTest {

  private static final long SIZE = 10_000;

  /** The task side the filter sees: forwards kept; it reads neither time nor stores. */
  private static final class Task implements ProcessorContext<String, HotItems> {
    final List<KeyValue<String, HotItems>> forwarded = new ArrayList<>();

    @Override
    public void forward(String key, HotItems value) {
      forwarded.add(KeyValue.pair(key, value));
    }

    @Override
    public <K, V> KeyValueStore<K, V> getStore(String name) {
      throw new UnsupportedOperationException("the filter keeps no store");
    }

    @Override
    public long timestamp() {
      throw new UnsupportedOperationException("the filter reads the window from the key");
    }

    @Override
    public long watermark() {
      throw new UnsupportedOperationException("the filter is told the watermark by onWatermark");
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

  private static void count(CountLeadersFilter f, long auction, long start, long n) {
    f.process(new Windowed<>(Long.toString(auction), new Window(start, start + SIZE)), n);
  }

  private static List<String> passed(Task t) {
    return t.forwarded.stream().map(kv -> {
      var item = kv.value().items().get(0);
      assertEquals(1, kv.value().items().size());
      assertEquals(item.num(), kv.value().num());
      return kv.key() + ":" + item.auction() + "@" + item.num() + "[" + item.windowStart() + "," + item.windowEnd() + ")";
    }).toList();
  }

  @Test
  void passesCountsAtOrAboveTheWindowsHighestSoFarAndDropsTheOthers() {
    Task t = new Task();
    CountLeadersFilter f = new CountLeadersFilter(SIZE);
    f.init(t);
    count(f, 1, 20_000, 3);
    count(f, 2, 20_000, 2);   // below 3: never the highest
    count(f, 3, 20_000, 3);   // a tie: may be one of the leaders
    count(f, 4, 22_000, 1);   // the next window starts over
    count(f, 5, 20_000, 4);   // back in the first window, above its highest
    count(f, 6, 20_000, 3);   // below the first window's 4, though above the second's 1
    count(f, 7, 22_000, 1);   // a tie in the second window
    count(f, 8, 22_000, 0);   // below the second window's 1
    assertEquals(List.of("20000:1@3[20000,30000)", "20000:3@3[20000,30000)", "22000:4@1[22000,32000)",
        "20000:5@4[20000,30000)", "22000:7@1[22000,32000)"), passed(t));
  }

  @Test
  void forgetsAWindowOnceTheWatermarkPassedItsEndAndThenPassesMore() {
    Task t = new Task();
    CountLeadersFilter f = new CountLeadersFilter(SIZE);
    f.init(t);
    count(f, 1, 0, 5);
    count(f, 2, 2_000, 5);
    f.onWatermark(10_000);      // [0, 10000) is over; [2000, 12000) is not
    count(f, 3, 0, 1);          // forgotten: passed on, the leaders step decides
    count(f, 4, 2_000, 4);      // still known: dropped
    count(f, 5, 2_000, 5);
    assertEquals(List.of("0:1@5[0,10000)", "2000:2@5[2000,12000)", "0:3@1[0,10000)", "2000:5@5[2000,12000)"),
        passed(t));
  }

  @Test
  void aRestartedTaskPassesOnMoreNeverFewer() {
    CountLeadersFilter f = new CountLeadersFilter(SIZE);
    f.init(new Task());
    count(f, 1, 0, 9);
    Task after = new Task();
    CountLeadersFilter restarted = new CountLeadersFilter(SIZE);
    restarted.init(after);
    count(restarted, 2, 0, 6); // the forgotten 9 no longer filters it
    count(restarted, 3, 0, 9);
    count(restarted, 4, 0, 8);
    assertEquals(List.of("0:2@6[0,10000)", "0:3@9[0,10000)"), passed(after));
  }
}
