package io.strand.streams.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.MessageCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The container's control frames: one frame per partition per round of window ticks, carrying
 * the watermarks that changed, each readable as the upstream task's own.
 */
class ControlFramesTest {

  private static final int PARTITIONS = 4;
  private static final SystemStream TOPIC = new SystemStream("kafka", "job-1-by-window");

  /** What was sent: per record, its partition (by Kafka's murmur2 of the key) and the frame's entries. */
  private static final class Sent implements MessageCollector {
    final List<Integer> partitions = new ArrayList<>();
    final List<Map<String, String>> frames = new ArrayList<>();

    @Override
    public void send(OutgoingMessageEnvelope envelope) {
      assertEquals(TOPIC, envelope.systemStream());
      assertNull(envelope.key(), "control records carry no key");
      partitions.add(Utils.toPositive(Utils.murmur2((byte[]) envelope.partitionKey())) % PARTITIONS);
      ByteBuffer frame = ByteBuffer.wrap((byte[]) envelope.message());
      assertEquals(Bytes.CONTROLS, frame.get());
      Map<String, String> entries = new LinkedHashMap<>();
      ControlFrames.read(frame, (task, wm, idle) -> entries.put(task, wm + (idle ? " idle" : "")));
      assertEquals(0, frame.remaining(), "nothing after the entries");
      frames.add(entries);
    }

    /** Each round went to every partition once, with the same entries. */
    List<Map<String, String>> rounds() {
      List<Map<String, String>> rounds = new ArrayList<>();
      for (int i = 0; i < frames.size(); i += PARTITIONS) {
        Set<Integer> to = new TreeSet<>(partitions.subList(i, i + PARTITIONS));
        assertEquals(Set.of(0, 1, 2, 3), to, "one record per partition");
        for (int j = i; j < i + PARTITIONS; j++) {
          assertEquals(frames.get(i), frames.get(j));
        }
        rounds.add(frames.get(i));
      }
      return rounds;
    }
  }

  @Test
  void aRoundOfTicksSendsOneFramePerPartitionWithTheWatermarksThatChanged() {
    ControlFrames frames = new ControlFrames();
    Object container = new Object();
    ControlFrames.Group a = frames.join(container, TOPIC, () -> PARTITIONS, "Partition 0");
    ControlFrames.Group b = frames.join(container, TOPIC, () -> PARTITIONS, "Partition 1");
    ControlFrames.Group c = frames.join(container, TOPIC, () -> PARTITIONS, "Partition 2");
    assertTrue(a == b && b == c, "one group per container and topic");
    Sent sent = new Sent();

    a.tick("Partition 0", 1_000, false, true, sent);
    b.tick("Partition 1", 2_000, false, true, sent);
    assertTrue(sent.frames.isEmpty(), "nothing before the last task of the round ticked");
    c.tick("Partition 2", 0, false, false, sent); // unchanged: no entry, but it ends the round
    assertEquals(List.of(Map.of("Partition 0", "1000", "Partition 1", "2000")), sent.rounds());

    // second round: only task 2 moved, and it turned idle
    a.tick("Partition 0", 1_000, false, false, sent);
    b.tick("Partition 1", 2_000, false, false, sent);
    c.tick("Partition 2", 3_000, true, true, sent);
    assertEquals(Map.of("Partition 2", "3000 idle"), sent.rounds().get(1));

    // a round where nothing changed sends nothing
    a.tick("Partition 0", 1_000, false, false, sent);
    b.tick("Partition 1", 2_000, false, false, sent);
    c.tick("Partition 2", 3_000, true, false, sent);
    assertEquals(2, sent.rounds().size());
  }

  @Test
  void aTaskThatTicksAgainBeforeTheRoundEndedSendsTheRoundFirstAndTheEndOfInputGoesAtOnce() {
    ControlFrames frames = new ControlFrames();
    Object container = new Object();
    ControlFrames.Group g = frames.join(container, TOPIC, () -> PARTITIONS, "Partition 0");
    frames.join(container, TOPIC, () -> PARTITIONS, "Partition 1");
    Sent sent = new Sent();

    g.tick("Partition 0", 500, false, true, sent);
    g.tick("Partition 0", 600, false, true, sent); // task 1's tick was skipped: round 1 goes now
    assertEquals(List.of(Map.of("Partition 0", "500")), sent.rounds());

    g.sendNow("Partition 1", Long.MAX_VALUE, false, sent); // with what waits (task 0's 600)
    assertEquals(Map.of("Partition 0", "600", "Partition 1", Long.toString(Long.MAX_VALUE)), sent.rounds().get(1));

    // task 1 ended and is no longer waited for: task 0's ticks alone end each round
    g.tick("Partition 0", 700, false, true, sent);
    assertEquals(Map.of("Partition 0", "700"), sent.rounds().get(2));
  }

  @Test
  void containersAreSeparateAndAClosedTaskIsNotWaitedFor() {
    ControlFrames frames = new ControlFrames();
    Object one = new Object();
    Object two = new Object();
    ControlFrames.Group g1 = frames.join(one, TOPIC, () -> PARTITIONS, "Partition 0");
    ControlFrames.Group g2 = frames.join(two, TOPIC, () -> PARTITIONS, "Partition 1");
    assertTrue(g1 != g2, "each container sends its own tasks' watermarks through its own producer");
    ControlFrames.Group g3 = frames.join(one, TOPIC, () -> PARTITIONS, "Partition 2");
    Sent sent = new Sent();
    g1.tick("Partition 0", 10, false, true, sent);
    assertTrue(sent.frames.isEmpty());
    frames.leave(one, g3, "Partition 2");
    g1.tick("Partition 0", 20, false, true, sent); // second tick of task 0: the round ends
    g1.tick("Partition 0", 30, false, true, sent); // task 0 alone: every tick is a round
    assertEquals(List.of(Map.of("Partition 0", "10"), Map.of("Partition 0", "20"), Map.of("Partition 0", "30")),
        sent.rounds());
  }
}
