package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's watermark test: an input of 8 partitions, partition 7 never written, goes through a
 * repartition (8 partitions, so 8 upstream tasks write each downstream partition) to a probe that
 * reports its task's watermark. Partitions 0-6 stay active (a record each second). The watermark
 * downstream stays unset until upstream task 7 declares itself idle after the idle timeout, then
 * is the minimum over the active upstream tasks; when six of them move far ahead it waits for
 * the seventh, and moves only to what that one reached.
 */
@RealKafka
class WatermarkAcrossRepartitionTest {

  private static final long IDLE_MS = 6_000;
  private static final int PARTITIONS = 8;
  private static final long PHASE_1 = 10_000;
  private static final long AHEAD = 50_000;
  private static final long PHASE_3 = 40_000;

  /** One watermark control record of the intermediate topic. */
  private record Control(String upstreamTask, long watermark, boolean idle, long sentAtMs) { }

  /** One watermark a downstream task reported. */
  private record Mark(long watermark, long atMs) { }

  @Test
  void theWatermarkAdvancesAfterTheIdleTimeoutAndNeverBeforeEveryActiveUpstreamTaskPassedIt(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("wm-in");
    String out = in + "-out";
    String jobName = "wm-" + in;
    String intermediate = jobName + "-1-wm-repartition";
    long[] max = new long[PARTITIONS];
    List<TestRecord> input = new ArrayList<>();
    for (int p = 0; p < PARTITIONS - 1; p++) {
      for (int i = 1; i <= 10; i++) {
        long t = 1000L * i + 1000L * p;
        input.add(TestRecord.at(p, "k" + p + "-" + i, Long.toString(t)));
        max[p] = t;
      }
    }
    assertEquals(PHASE_1, max[0], "partition 0 is the slowest active one");
    kafka.client().createTopic(out, 1); // read from the first poll on, before the probe writes
    long started = System.currentTimeMillis();
    int[] produced = {input.size()};
    int[] phase = {1};
    long[] lastBeat = {0};
    List<Long> aheadSeenAt = new ArrayList<>();

    // runUntil's condition is polled about every 200 ms: it drives the phases and keeps 0-6 active.
    JobTestResult result = JobTestRunner.forApplication(WatermarkProbeApp.class, kafka)
        .config("systems.kafka.samza.key.serde", "string").config("systems.kafka.samza.msg.serde", "string")
        .config("job.name", jobName).config("test.in", in).config("test.out", out)
        .config("test.idle.ms", Long.toString(IDLE_MS))
        .input(in, PARTITIONS, input)
        .runUntil(r -> {
          if (System.currentTimeMillis() - lastBeat[0] >= 1000) {
            List<ProducerRecord<String, String>> beats = new ArrayList<>();
            for (int p = 0; p < PARTITIONS - 1; p++) {
              beats.add(new ProducerRecord<>(in, p, "beat-" + p, Long.toString(max[p])));
            }
            kafka.client().produce(beats);
            produced[0] += beats.size();
            lastBeat[0] = System.currentTimeMillis();
          }
          Map<String, List<Mark>> marks = marks(r.output(out));
          if (phase[0] == 1 && reachedEverywhere(marks, PHASE_1)) {
            List<ProducerRecord<String, String>> ahead = new ArrayList<>();
            for (int p = 1; p < PARTITIONS - 1; p++) {
              max[p] = AHEAD;
              ahead.add(new ProducerRecord<>(in, p, "ahead-" + p, Long.toString(AHEAD)));
            }
            kafka.client().produce(ahead);
            produced[0] += ahead.size();
            phase[0] = 2;
          } else if (phase[0] == 2 && aheadEverywhere(controls(kafka, intermediate))) {
            aheadSeenAt.add(System.currentTimeMillis());
            max[0] = PHASE_3;
            kafka.client().produce(in, 0, "slow-0", Long.toString(PHASE_3));
            produced[0]++;
            phase[0] = 3;
          } else if (phase[0] == 3) {
            return reachedEverywhere(marks, PHASE_3);
          }
          return false;
        }, Duration.ofSeconds(120));

    Map<String, List<Mark>> marks = marks(result.output(out));
    assertEquals(PARTITIONS, marks.size(), "every downstream task reported: " + marks.keySet());
    for (Map.Entry<String, List<Mark>> e : marks.entrySet()) {
      List<Long> values = e.getValue().stream().map(Mark::watermark).toList();
      assertTrue(values.contains(PHASE_1) && values.contains(PHASE_3), e.getKey() + ": " + values);
      for (long wm : values) {
        // Partition 0 held everything back: never past 10,000 until it reached 40,000, never 50,000.
        assertTrue(wm <= PHASE_1 || wm == PHASE_3, e.getKey() + " reported " + wm + " in " + values);
      }
      long at40 = e.getValue().stream().filter(m -> m.watermark() == PHASE_3).findFirst().orElseThrow().atMs();
      assertTrue(at40 >= aheadSeenAt.get(0), e.getKey() + ": 40,000 came only after partition 0 moved");
    }

    List<Control> controls = controls(kafka, intermediate);
    List<Control> fromIdle = controls.stream().filter(c -> c.upstreamTask().equals("Partition 7")).toList();
    assertFalse(fromIdle.isEmpty(), "upstream task 7 announced itself idle");
    Control idle = fromIdle.get(0);
    assertTrue(idle.idle(), "task 7's first control record is its idleness: " + idle);
    assertTrue(idle.sentAtMs() - started >= IDLE_MS, "idle only after the idle timeout: " + (idle.sentAtMs() - started));
    long firstMark = marks.values().stream().flatMap(List::stream).mapToLong(Mark::atMs).min().orElseThrow();
    assertTrue(firstMark >= idle.sentAtMs(), "no downstream watermark before upstream task 7 was idle: first at "
        + firstMark + ", idle at " + idle.sentAtMs());
    assertTrue(firstMark - idle.sentAtMs() < 10_000, "the watermark advanced soon after: " + (firstMark - idle.sentAtMs()));
    assertTrue(controls.stream().noneMatch(c -> c.upstreamTask().equals("Partition 7") && !c.idle()),
        "task 7 never claimed a watermark");

    List<String> records = result.output(out).stream().filter(r -> r.key().startsWith("rec|"))
        .map(ConsumerRecord::value).toList();
    assertTrue(records.size() >= input.size() && records.size() <= produced[0],
        records.size() + " records reached the probe of " + produced[0]);
    records.forEach(v -> Long.parseLong(v)); // only data: control records never reach user functions
  }

  private static boolean reachedEverywhere(Map<String, List<Mark>> marks, long watermark) {
    return marks.size() == PARTITIONS
        && marks.values().stream().allMatch(l -> l.get(l.size() - 1).watermark() >= watermark);
  }

  /** Upstream tasks 1-6 each told every downstream partition they are at 50,000. */
  private static boolean aheadEverywhere(List<Control> controls) {
    for (int p = 1; p < PARTITIONS - 1; p++) {
      String task = "Partition " + p;
      if (controls.stream().filter(c -> c.upstreamTask().equals(task) && c.watermark() == AHEAD && !c.idle())
          .count() < PARTITIONS) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, List<Mark>> marks(List<ConsumerRecord<String, String>> output) {
    Map<String, List<Mark>> marks = new TreeMap<>();
    for (ConsumerRecord<String, String> r : output) {
      if (r.key().startsWith("wm|")) {
        String[] parts = r.value().split("@");
        marks.computeIfAbsent(r.key().substring(3), k -> new ArrayList<>())
            .add(new Mark(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
      }
    }
    return marks;
  }

  /**
   * The upstream tasks' watermarks in the control records of the intermediate topic, decoded from
   * the runtime's frame (tag 4: a container's tasks' watermarks of one tick, one entry each).
   */
  private static List<Control> controls(KafkaCluster kafka, String topic) {
    List<Control> controls = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAllBytes(topic)) {
      ByteBuffer b = ByteBuffer.wrap(r.value());
      if (b.get() == 4) {
        for (int n = b.getShort(); n > 0; n--) {
          long wm = b.getLong();
          boolean idle = b.get() == 1;
          byte[] name = new byte[b.getShort()];
          b.get(name);
          controls.add(new Control(new String(name, StandardCharsets.UTF_8), wm, idle, r.timestamp()));
        }
      }
    }
    return controls;
  }
}
