package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a busy run loop polls (the idle path always polls; StreamContainerFlowTest covers the wiring). */
class PollScheduleTest {

  private static final long MS = 1_000_000L;

  @Test
  void withOnePriorityABusyLoopPollsOnlyWhenTheIntervalIsUp() {
    PollSchedule schedule = new PollSchedule(50, 1);
    long polledAt = schedule.polled();
    for (int i = 0; i < 100_000; i++) {
      assertFalse(schedule.dueAfterDispatch(polledAt + 49 * MS, 0, false), "message " + i + " within the interval");
    }
    assertTrue(schedule.dueAfterDispatch(polledAt + 50 * MS, 0, false));
    long next = schedule.polled();
    assertFalse(schedule.dueAfterDispatch(next + 49 * MS, 0, false), "a poll restarts the interval");
  }

  @Test
  void aDueIntervalPollWaitsWhileTheBuffersHoldEnough() {
    PollSchedule schedule = new PollSchedule(50, 1);
    long late = schedule.polled() + 60 * MS;
    assertFalse(schedule.dueAfterDispatch(late, PollSchedule.LOW_WATER, false));
    assertFalse(schedule.dueAfterDispatch(late, 3 * PollSchedule.LOW_WATER, false));
    assertTrue(schedule.dueAfterDispatch(late, PollSchedule.LOW_WATER - 1, false), "polls once they run low");
  }

  @Test
  void withSeveralPrioritiesItAlsoPollsEveryFewMessages() {
    PollSchedule schedule = new PollSchedule(60_000, 2);
    long polledAt = schedule.polled();
    for (int round = 0; round < 3; round++) {
      for (int i = 1; i < PollSchedule.POLL_EVERY; i++) {
        assertFalse(schedule.dueAfterDispatch(polledAt, 100_000, false), "message " + i + " of round " + round);
      }
      assertTrue(schedule.dueAfterDispatch(polledAt, 100_000, false),
          "message " + PollSchedule.POLL_EVERY + ", however full");
      polledAt = schedule.polled();
    }
    assertTrue(schedule.dueAfterDispatch(polledAt + 60_000 * MS, 0, false), "the interval still applies");
  }

  @Test
  void onceOnePriorityIsLeftOpenOnlyTheIntervalCounts() {
    PollSchedule schedule = new PollSchedule(60_000, 2);
    long polledAt = schedule.polled();
    schedule.onePriorityLeft();
    for (int i = 0; i < 10 * PollSchedule.POLL_EVERY; i++) {
      assertFalse(schedule.dueAfterDispatch(polledAt, 100_000, false), "message " + i);
    }
    assertTrue(schedule.dueAfterDispatch(polledAt + 60_000 * MS, 0, false), "the interval still applies");
  }

  @Test
  void aDryPeerWithRecordsWaitingAsksForAPollAtMostEveryMillisecond() {
    PollSchedule schedule = new PollSchedule(60_000, 1);
    long polledAt = schedule.polled();
    long dryPeerGap = PollSchedule.DRY_PEER_POLL_US * 1_000L;
    assertFalse(schedule.dueAfterDispatch(polledAt + dryPeerGap - 1, 100_000, true), "too soon after the last poll");
    assertTrue(schedule.dueAfterDispatch(polledAt + dryPeerGap, 100_000, true), "however full the buffers");
    assertFalse(schedule.dueAfterDispatch(polledAt + 30_000 * MS, 0, false), "no dry peer: only the interval counts");
  }

  @Test
  void theIntervalIsSamzasKeyWithSamzasDefault() {
    assertEquals(50, RunLoopSettings.fromConfig(Config.of(Map.of())).pollIntervalMs());
    assertEquals(5, RunLoopSettings.fromConfig(Config.of(Map.of("task.poll.interval.ms", "5"))).pollIntervalMs());
    ConfigException e = assertThrows(ConfigException.class,
        () -> RunLoopSettings.fromConfig(Config.of(Map.of("task.poll.interval.ms", "0"))));
    assertTrue(e.getMessage().contains("task.poll.interval.ms"), e.getMessage());
  }
}
