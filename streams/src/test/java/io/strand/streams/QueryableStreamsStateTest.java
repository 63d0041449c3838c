package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.query.QueryableState;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.ReadOnlyKeyValueStore;
import io.strand.storage.query.ReadOnlyWindowStore;
import io.strand.storage.query.StoreUnavailableException;
import io.strand.storage.query.WindowedValue;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A streams API count, windowed count and table queried in the JVM while the job runs, through the
 * stores' query layouts and serdes the planner sets: every key's count, every key's windows, and
 * the per-key store's {@code all} (without the operator's own entries), against values computed here.
 */
@RealKafka
class QueryableStreamsStateTest {

  @Test
  void aCountAndAWindowedCountAreQueriedByKeyAndTimeRange(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("query-in");
    String jobName = "query-" + in;
    long base = 1_700_000_000_000L;
    Random random = new Random(15);
    List<TestRecord> input = new ArrayList<>();
    Map<String, Long> counts = new TreeMap<>();
    Map<String, String> latest = new TreeMap<>();
    Map<String, Map<Long, Long>> windows = new TreeMap<>();
    for (int i = 0; i < 600; i++) {
      String key = "k" + random.nextInt(20);
      long t = base + random.nextInt(5_000);
      input.add(TestRecord.of(key, Long.toString(t))); // the default partitioner, as the locator assumes
      counts.merge(key, 1L, Long::sum);
      latest.put(key, Long.toString(t));
      windows.computeIfAbsent(key, k -> new TreeMap<>()).merge(t - Math.floorMod(t, 1000L), 1L, Long::sum);
    }
    ReadOnlyKeyValueStore<String, Long> countView = QueryableState.keyValueStore(jobName, "1", "word-counts");
    ReadOnlyWindowStore<String, Long> windowView = QueryableState.windowStore(jobName, "1", "word-windows");
    ReadOnlyKeyValueStore<String, String> tableView = QueryableState.keyValueStore(jobName, "1", "latest-time");
    JobTestRunner.forApplication(QueryApp.class, kafka)
        .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string"))
        .config("job.name", jobName).config("job.container.count", "2")
        .config("test.in", in).config("test.out", in + "-out").input(in, 2, input)
        .runUntil(r -> matches(countView, windowView, counts, windows) && tableMatches(tableView, latest),
            Duration.ofSeconds(120));

    // Also once more after the run condition held (the job is stopped by now: the view says so).
    try {
      countView.get("k1");
      throw new AssertionError("a stopped job's stores are not served");
    } catch (StoreUnavailableException expected) {
      // closed with the job
    }
  }

  private static boolean tableMatches(ReadOnlyKeyValueStore<String, String> tableView, Map<String, String> latest) {
    try {
      for (Map.Entry<String, String> e : latest.entrySet()) {
        if (!e.getValue().equals(tableView.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    } catch (StoreUnavailableException e) {
      return false;
    }
  }

  private static boolean matches(ReadOnlyKeyValueStore<String, Long> countView,
      ReadOnlyWindowStore<String, Long> windowView, Map<String, Long> counts, Map<String, Map<Long, Long>> windows) {
    try {
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        if (!e.getValue().equals(countView.get(e.getKey()))) {
          return false;
        }
      }
      Map<String, Long> all = new TreeMap<>();
      try (KeyValueIterator<String, Long> it = countView.all()) {
        while (it.hasNext()) {
          Entry<String, Long> e = it.next();
          all.put(e.getKey(), e.getValue());
        }
      }
      if (!all.equals(counts)) {
        return false;
      }
      for (Map.Entry<String, Map<Long, Long>> e : windows.entrySet()) {
        Map<Long, Long> fetched = new TreeMap<>();
        for (WindowedValue<String, Long> w : windowView.fetch(e.getKey(), Long.MIN_VALUE, Long.MAX_VALUE)) {
          assertEquals(e.getKey(), w.key());
          assertEquals(w.startMs() + 1000, w.endMs());
          fetched.put(w.startMs(), w.value());
        }
        if (!fetched.equals(e.getValue())) {
          return false;
        }
        // A time range: only the windows starting in it.
        long first = e.getValue().keySet().iterator().next();
        List<WindowedValue<String, Long>> one = windowView.fetch(e.getKey(), first, first);
        assertEquals(1, one.size(), e.getKey());
        assertEquals(e.getValue().get(first), one.get(0).value());
      }
      return windowView.fetchAll(Long.MIN_VALUE, Long.MAX_VALUE).size()
          == windows.values().stream().mapToInt(Map::size).sum();
    } catch (StoreUnavailableException e) {
      return false; // not started or still restoring
    }
  }
}
