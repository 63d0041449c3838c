package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.query.QuerySettings;
import io.strand.container.query.QueryableState;
import io.strand.container.query.http.QueryClient;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.ReadOnlyKeyValueStore;
import io.strand.storage.query.ReadOnlyWindowStore;
import io.strand.storage.query.StoreUnavailableException;
import io.strand.storage.query.WindowedValue;
import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A streams API count, windowed count and table queried in the JVM while the job runs, through the
 * stores' query layouts and serdes the planner sets: every key's count, every key's windows, and
 * the per-key store's {@code all} (without the operator's own entries), against values computed here.
 * Also every key's open count window (in the JVM and over HTTP through the locator) and both
 * buffers of a stream-stream join, fetched by key and time range, against the records sent.
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
    Map<String, List<Long>> rightTimes = new TreeMap<>();
    List<TestRecord> rightInput = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String key = "k" + random.nextInt(20);
      long t = base + random.nextInt(5_000);
      input.add(TestRecord.of(key, Long.toString(t))); // the default partitioner, as the locator assumes
      counts.merge(key, 1L, Long::sum);
      latest.put(key, Long.toString(t));
      windows.computeIfAbsent(key, k -> new TreeMap<>()).merge(t - Math.floorMod(t, 1000L), 1L, Long::sum);
      if (i % 3 == 0) {
        String rightKey = "k" + random.nextInt(25); // some keys only on this side
        long rt = base + random.nextInt(5_000);
        rightInput.add(TestRecord.of(rightKey, Long.toString(rt)));
        rightTimes.computeIfAbsent(rightKey, k -> new ArrayList<>()).add(rt);
      }
    }
    Map<String, List<Long>> leftTimes = new TreeMap<>();
    latest.keySet().forEach(k -> leftTimes.put(k, new ArrayList<>()));
    input.forEach(r -> leftTimes.get(r.key()).add(Long.parseLong(r.value())));
    Map<String, Long> openCountWindows = new TreeMap<>(); // count windows of 7: what the open one holds
    counts.forEach((k, n) -> {
      if (n % 7 != 0) {
        openCountWindows.put(k, n % 7);
      }
    });
    ReadOnlyKeyValueStore<String, Long> countView = QueryableState.keyValueStore(jobName, "1", "word-counts");
    ReadOnlyWindowStore<String, Long> windowView = QueryableState.windowStore(jobName, "1", "word-windows");
    ReadOnlyKeyValueStore<String, String> tableView = QueryableState.keyValueStore(jobName, "1", "latest-time");
    ReadOnlyKeyValueStore<String, Long> countWindowView =
        QueryableState.keyValueStore(jobName, "1", "word-count-windows");
    ReadOnlyWindowStore<String, String> leftBuffer = QueryableState.windowStore(jobName, "1", "pairs-this-join-store");
    ReadOnlyWindowStore<String, String> rightBuffer =
        QueryableState.windowStore(jobName, "1", "pairs-other-join-store");
    AtomicReference<QueryClient> http = new AtomicReference<>();
    try {
      JobTestRunner.forApplication(QueryApp.class, kafka)
          .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string"))
          .config("job.name", jobName).config("job.container.count", "2")
          .config(QuerySettings.PORT, "0").config(QuerySettings.HOST, "127.0.0.1")
          .config("test.in", in).config("test.out", in + "-out").config("test.right", in + "-right")
          .input(in, 2, input).input(in + "-right", 2, rightInput)
          .runUntil(r -> matches(countView, windowView, counts, windows) && tableMatches(tableView, latest)
              && countWindowsMatch(countWindowView, openCountWindows, latest.keySet())
              && buffersMatch(leftBuffer, leftTimes) && buffersMatch(rightBuffer, rightTimes)
              && countWindowsOverHttp(http, r, openCountWindows, latest.keySet()), Duration.ofSeconds(120));
    } finally {
      if (http.get() != null) {
        http.get().close();
      }
    }

    // Also once more after the run condition held (the job is stopped by now: the view says so).
    try {
      countView.get("k1");
      throw new AssertionError("a stopped job's stores are not served");
    } catch (StoreUnavailableException expected) {
      // closed with the job
    }
  }

  /** Each key's open count window holds the records after its last multiple of 7; none right after one closed. */
  private static boolean countWindowsMatch(ReadOnlyKeyValueStore<String, Long> view, Map<String, Long> open,
      Iterable<String> keys) {
    try {
      for (String k : keys) {
        if (!java.util.Objects.equals(open.get(k), view.get(k))) {
          return false;
        }
      }
      Map<String, Long> all = new TreeMap<>();
      try (KeyValueIterator<String, Long> it = view.all()) {
        while (it.hasNext()) {
          Entry<String, Long> e = it.next();
          all.put(e.getKey(), e.getValue());
        }
      }
      return all.equals(open);
    } catch (StoreUnavailableException e) {
      return false;
    }
  }

  /** The same over HTTP: each key asked through the locator from the container that owns it. */
  private static boolean countWindowsOverHttp(AtomicReference<QueryClient> http, JobTestResult run,
      Map<String, Long> open, Iterable<String> keys) {
    if (http.get() == null) {
      http.set(new QueryClient(run.config(), Duration.ofSeconds(10)));
    }
    try {
      for (String k : keys) {
        Optional<Long> answer = http.get().value("word-count-windows", k).map(v -> v.asLong());
        if (!answer.equals(Optional.ofNullable(open.get(k)))) {
          return false;
        }
      }
      return true;
    } catch (IllegalStateException e) {
      return false; // no job model or endpoint yet
    }
  }

  /**
   * One side's join buffer holds every record of that side (a day of grace: none expired), each a
   * window {@code [t, t + 1)} at its event time holding its value; a time range fetches only its records.
   */
  private static boolean buffersMatch(ReadOnlyWindowStore<String, String> buffer, Map<String, List<Long>> times) {
    try {
      int total = 0;
      for (Map.Entry<String, List<Long>> e : times.entrySet()) {
        List<Long> expected = e.getValue().stream().sorted().toList();
        List<Long> fetched = new ArrayList<>();
        for (WindowedValue<String, String> w : buffer.fetch(e.getKey(), Long.MIN_VALUE, Long.MAX_VALUE)) {
          assertEquals(e.getKey(), w.key());
          assertEquals(w.startMs() + 1, w.endMs());
          assertEquals(Long.toString(w.startMs()), w.value(), "the buffered record's value is its event time");
          fetched.add(w.startMs());
        }
        if (!fetched.equals(expected)) {
          return false;
        }
        long first = expected.get(0);
        assertEquals(expected.stream().filter(t -> t == first).count(), buffer.fetch(e.getKey(), first, first).size());
        total += expected.size();
      }
      return buffer.fetchAll(Long.MIN_VALUE, Long.MAX_VALUE).size() == total;
    } catch (StoreUnavailableException e) {
      return false;
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
