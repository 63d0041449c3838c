package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.streams.internal.graph.GraphBuilder;
import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Windowed stream-stream joins ({@link JoinApp}) end to end on the real broker, against a truth
 * computed here without Strand: exactly the pairs whose event times fall in the window, each once,
 * and for left/outer joins each record that met none, once; no pair with a record that arrived
 * after the grace, and those records on the late side outputs.
 */
@RealKafka
class StreamJoinTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final long BASE = 1_700_000_000_000L;
  private static final long BEFORE = 300;
  private static final long AFTER = 500;
  private static final long GRACE = 200;
  private static final long OOO = 100;

  /** One input record of a side. */
  record Event(int partition, String key, boolean left, String id, long time) {
    String value() {
      return (left ? "L|" : "R|") + id + "|" + time;
    }
  }

  /**
   * Both sides in one topic, split by the app: a partition's arrival order is its order, so its
   * watermark, and which records are late, is known exactly. Out of order: most records up to 150 ms
   * behind (some beyond the 100 ms out-of-orderness, within the 200 ms grace), one in ten up to 3 s.
   */
  @ParameterizedTest
  @ValueSource(strings = {"inner", "left", "outer"})
  void joinOnOutOfOrderInputGivesExactlyThePairsInTheWindowEachOnceAndNoLateRecord(String kind, KafkaCluster kafka)
      throws Exception {
    String in = kafka.uniqueTopic("join-" + kind + "-in");
    String out = in + "-out";
    Random random = new Random(kind.hashCode());
    List<Event> events = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      for (int i = 0; i < 300; i++) {
        long t = BASE + i * 40L + (random.nextInt(10) == 0 ? -random.nextInt(3000) : -random.nextInt(150));
        events.add(new Event(p, "p" + p + "-k" + random.nextInt(4), random.nextBoolean(), p + "." + i, t));
      }
    }
    Truth truth = Truth.of(kind, events);
    assertTrue(!truth.lateLeft.isEmpty() && !truth.lateRight.isEmpty(), "the input has late records on both sides");
    assertTrue(truth.lateWouldPair, "some late record would have met a record had it been on time");
    List<TestRecord> input = events.stream().map(e -> TestRecord.at(e.partition(), e.key(), e.value())).toList();

    String job = in + "-job";
    JobTestResult result = JobTestRunner.forApplication(JoinApp.class, kafka).config(settings(in, out, kind))
        .config("job.name", job).input(in, 2, input).runToEnd(DEADLINE);

    assertEquals(truth.results, sorted(result.output(out)), "the joined records, each once");
    assertEquals(truth.lateLeft, sortedValues(result.output(out + "-late-left")), "late records of the left side");
    assertEquals(truth.lateRight, sortedValues(result.output(out + "-late-right")), "late records of the right side");
    assertBuffersExpiredWithoutTombstones(kafka, job + "-1-");
  }

  /**
   * The two join buffers' changelogs delete by time as well as compact, and hold no tombstone of a
   * buffered record: the input spans 12 s of event time, so every segment was dropped (at the
   * latest at the end of input), below the changelog. How many records they hold depends on when
   * the commits came: a buffered record goes to the changelog at the first commit after it
   * arrived, unless the watermark expired it first (deferred puts, {@code WriteBehind}); on a fast
   * run this small input may expire whole before any commit. {@link StreamJoinRestartTest} checks
   * that records buffered at a commit are in the changelog and restored from it.
   */
  private static void assertBuffersExpiredWithoutTombstones(KafkaCluster kafka, String prefix) throws Exception {
    try (Admin admin = kafka.client().admin()) {
      List<String> changelogs = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(prefix) && t.endsWith("-changelog")).sorted().toList();
      List<ConfigResource> resources = changelogs.stream()
          .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
      Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs =
          admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
      List<String> buffers = changelogs.stream().filter(t -> "compact,delete".equals(
          configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t)).get("cleanup.policy").value())).toList();
      assertEquals(2, buffers.size(), "one time-retained changelog per buffer among " + changelogs);
      for (String buffer : buffers) {
        List<ConsumerRecord<byte[], byte[]>> records = kafka.client().readAllBytes(buffer);
        assertEquals(0, records.stream().filter(r -> r.key()[0] == 'd' && r.value() == null).count(),
            buffer + " holds no tombstone of a buffered record");
      }
    }
  }

  /**
   * Two input topics of three partitions, keys co-partitioned, out of order within the
   * out-of-orderness (so no record is late however the two topics interleave): the outer join's
   * pairs and unmatched records of both sides.
   */
  @Test
  void outerJoinOfTwoCoPartitionedTopicsGivesEveryPairAndEveryUnmatchedRecordOnce(KafkaCluster kafka) {
    String leftTopic = kafka.uniqueTopic("join2-left");
    String rightTopic = leftTopic + "-right";
    String out = leftTopic + "-out";
    Random random = new Random(11);
    List<Event> events = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      for (int i = 0; i < 300; i++) {
        long t = BASE + i * 40L + random.nextInt((int) OOO);
        boolean left = random.nextBoolean();
        events.add(new Event(p, "p" + p + "-k" + random.nextInt(5), left, p + "." + i, t));
      }
    }
    Truth truth = Truth.of("outer", events);
    assertTrue(truth.lateLeft.isEmpty() && truth.lateRight.isEmpty());
    JobTestResult result = JobTestRunner.forApplication(JoinApp.class, kafka).config(settings(leftTopic, out, "outer"))
        .config("test.right", rightTopic).config(StreamsConfig.WATERMARK_IDLE_TIMEOUT_MS, "600000")
        .input(leftTopic, 3, events.stream().filter(Event::left).map(e -> TestRecord.at(e.partition(), e.key(),
            e.value())).toList())
        .input(rightTopic, 3, events.stream().filter(e -> !e.left()).map(e -> TestRecord.at(e.partition(), e.key(),
            e.value())).toList())
        .runToEnd(DEADLINE);

    assertEquals(truth.results, sorted(result.output(out)));
    assertTrue(truth.results.stream().anyMatch(r -> r.endsWith("+-")) && truth.results.stream()
        .anyMatch(r -> r.contains(":-+")), "unmatched records of both sides");
  }

  @Test
  void joiningInputsWithDifferentPartitionCountsIsAnErrorNamingBothAndSuggestingRepartition(KafkaCluster kafka) {
    String leftTopic = kafka.uniqueTopic("join-copart-left");
    String rightTopic = leftTopic + "-right";
    JobTestRunner runner = JobTestRunner.forApplication(JoinApp.class, kafka)
        .config(settings(leftTopic, leftTopic + "-out", "inner")).config("test.right", rightTopic)
        .input(leftTopic, 2, List.of(TestRecord.of("k", "L|1|" + BASE)))
        .input(rightTopic, 3, List.of(TestRecord.of("k", "R|1|" + BASE)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.runToEnd(DEADLINE));
    assertTrue(e.getMessage().contains("'pairs'") && e.getMessage().contains("kafka." + leftTopic + " has 2")
        && e.getMessage().contains("kafka." + rightTopic + " has 3") && e.getMessage().contains("repartition"),
        e.getMessage());
  }

  @Test
  void aSideWhoseKeyChangedNeedsANamedJoinToBeRepartitioned() {
    GraphBuilder graph = new GraphBuilder(Config.of(Map.of()), "kafka", "job-1-");
    KStream<String, String> left = graph.<String, String>stream("a").selectKey((k, v) -> v);
    KStream<String, String> right = graph.stream("b");
    JoinWindows windows = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> left.join(right, (a, b) -> a + b, windows));
    assertTrue(e.getMessage().contains("left side") && e.getMessage().contains("repartition"), e.getMessage());

    left.join(right, (a, b) -> a + b, windows, StreamJoined.<String, String, String>as("j").withName("j"));
    assertTrue(graph.sources().stream().anyMatch(s -> s.topic().equals("job-1-j-left-repartition")),
        "the named join repartitions the side whose key changed");
    assertEquals(List.of("kafka.job-1-j-left-repartition", "kafka.b"), graph.coPartitioned().get("j").stream()
        .map(s -> "kafka." + s.topic()).toList());
  }

  @Test
  void joinWindowsCheckTheirSpans() {
    JoinWindows interval = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofHours(3), Duration.ofMinutes(5))
        .before(Duration.ofHours(-1));
    assertEquals(new JoinWindows(-3_600_000, 10_800_000, 300_000), interval);
    assertEquals(7_200_000, interval.size());
    assertThrows(IllegalArgumentException.class, () -> interval.after(Duration.ofMinutes(30)));
    assertThrows(IllegalArgumentException.class, () -> JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)));
  }

  private static Map<String, String> settings(String in, String out, String kind) {
    return Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string",
        "test.in", in, "test.out", out, "test.join", kind, "test.before.ms", Long.toString(BEFORE),
        "test.after.ms", Long.toString(AFTER), "test.grace.ms", Long.toString(GRACE), "test.ooo.ms", Long.toString(OOO));
  }

  private static List<String> sorted(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> r.key() + ":" + r.value()).sorted().toList();
  }

  private static List<String> sortedValues(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(ConsumerRecord::value).sorted().toList();
  }

  /**
   * What the join must emit, from the events in each partition's order: a record is late when its
   * time plus the grace is below its partition's watermark (highest time so far minus the
   * out-of-orderness) on arrival.
   */
  record Truth(List<String> results, List<String> lateLeft, List<String> lateRight, boolean lateWouldPair) {

    static Truth of(String kind, List<Event> events) {
      List<Event> onTime = new ArrayList<>();
      List<Event> late = new ArrayList<>();
      long[] max = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
      for (Event e : events) {
        long wm = max[e.partition()] == Long.MIN_VALUE ? Long.MIN_VALUE : max[e.partition()] - OOO;
        (wm != Long.MIN_VALUE && e.time() + GRACE < wm ? late : onTime).add(e);
        max[e.partition()] = Math.max(max[e.partition()], e.time());
      }
      List<String> results = new ArrayList<>();
      for (Event l : onTime) {
        if (!l.left()) {
          continue;
        }
        boolean met = false;
        for (Event r : onTime) {
          if (!r.left() && inWindow(l, r)) {
            results.add(l.key() + ":" + l.id() + "+" + r.id());
            met = true;
          }
        }
        if (!met && !kind.equals("inner")) {
          results.add(l.key() + ":" + l.id() + "+-");
        }
      }
      if (kind.equals("outer")) {
        for (Event r : onTime) {
          if (!r.left() && onTime.stream().noneMatch(l -> l.left() && inWindow(l, r))) {
            results.add(r.key() + ":-+" + r.id());
          }
        }
      }
      boolean lateWouldPair = late.stream().anyMatch(x -> onTime.stream().anyMatch(o -> o.left() != x.left()
          && (x.left() ? inWindow(x, o) : inWindow(o, x))));
      return new Truth(results.stream().sorted().toList(),
          late.stream().filter(Event::left).map(Event::id).sorted().toList(),
          late.stream().filter(e -> !e.left()).map(Event::id).sorted().toList(), lateWouldPair);
    }

    private static boolean inWindow(Event l, Event r) {
      return l.key().equals(r.key()) && l.time() - BEFORE <= r.time() && r.time() <= l.time() + AFTER;
    }
  }
}
