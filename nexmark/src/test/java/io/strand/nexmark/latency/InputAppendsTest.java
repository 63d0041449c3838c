package io.strand.nexmark.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InputAppendsTest {

  private final AtomicLong clock = new AtomicLong();
  private final InputAppends appends = new InputAppends(100, List.of("bid", "person"), 2, clock::get);

  private void append(long event, String topic, int partition, long eventTime, long at) {
    clock.set(at);
    appends.appended(event, topic, partition, eventTime);
  }

  @Test
  void eventAppendsAreTheClockAtTheAcknowledgement() {
    append(7, "bid", 0, 1_000, 5_000);
    assertEquals(5_000, appends.appendOf(7));
    assertEquals(-1, appends.appendOf(8), "never appended");
    assertEquals(-1, appends.appendOf(100), "outside the generation");
  }

  @Test
  void aTimeIsReachedWhenTheLastPartitionReachesIt() {
    append(0, "bid", 0, 1_000, 10);
    append(1, "bid", 1, 1_000, 11);
    append(2, "bid", 0, 2_000, 20);
    append(3, "bid", 1, 1_500, 21);
    append(4, "bid", 1, 2_500, 30);
    assertEquals(30, appends.allPartitionsReached(List.of("bid"), 1_800), "partition 0 at 20, partition 1 at 30");
    // Partition 1 first reached 1 800 with the record of 2 500 at 30.
    assertEquals(30, appends.allPartitionsReached(List.of("bid"), 2_000));
    assertEquals(-1, appends.allPartitionsReached(List.of("bid"), 3_000), "no partition reached 3 000");
  }

  @Test
  void everyTopicOfTheQueryHoldsItBack() {
    append(0, "bid", 0, 5_000, 10);
    append(1, "bid", 1, 5_000, 11);
    append(2, "person", 0, 5_000, 12);
    assertEquals(11, appends.allPartitionsReached(List.of("bid"), 5_000));
    assertEquals(-1, appends.allPartitionsReached(List.of("bid", "person"), 5_000), "person partition 1 is empty");
    append(-1, "person", 1, 90_000, 400);
    assertEquals(400, appends.allPartitionsReached(List.of("bid", "person"), 5_000), "the end marker closes it");
    assertThrows(IllegalArgumentException.class, () -> appends.allPartitionsReached(List.of("auction"), 0));
  }

  @Test
  void aLowerTimeAfterAHigherOneDoesNotMoveThePartitionBack() {
    append(0, "bid", 0, 3_000, 10);
    append(1, "bid", 0, 2_000, 20);
    append(2, "bid", 1, 3_000, 15);
    assertEquals(15, appends.allPartitionsReached(List.of("bid"), 2_500));
  }
}
