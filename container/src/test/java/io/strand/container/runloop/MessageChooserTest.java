package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.config.view.ChooserOrder;
import io.strand.container.TaskName;
import io.strand.container.metrics.TaskMetrics;
import io.strand.system.SystemStreamPartition;
import io.strand.task.StreamTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pure chooser logic (the broker tests in StreamContainerFlowTest cover the wiring). */
class MessageChooserTest {

  private final TaskInstance task = new TaskInstance(new TaskName("Partition 0"), (StreamTask) (e, c, k) -> { },
      e -> { }, new TaskMetrics(new SimpleMeterRegistry(), "j", "0", new TaskName("Partition 0")), null,
      new CompletionQueue(() -> { }), 1, "test");

  /** The priorities of the test's inputs, highest first: what each input's level is taken from. */
  private static int[] priorities = {-1};

  private TaskInput input(String stream, int priority, boolean bootstrap, int records) {
    TaskInput in = new TaskInput(new SystemStreamPartition("kafka", stream, 0), task, null, priority, bootstrap,
        false, bootstrap ? 1_000 : TaskInput.NO_END, -1, null, MessageChooser.levelOf(priority, priorities), false);
    for (int i = 0; i < records; i++) {
      in.buffer(new ConsumerRecord<>(stream, 0, i, null, null));
    }
    task.addInput(in);
    return in;
  }

  /** An input of {@code t} holding records with the given timestamps, in offset order. */
  private static TaskInput timed(TaskInstance t, String stream, int priority, long... timestamps) {
    TaskInput in = new TaskInput(new SystemStreamPartition("kafka", stream, 0), t, null, priority, false, false,
        TaskInput.NO_END, -1, null, MessageChooser.levelOf(priority, priorities), false);
    for (int i = 0; i < timestamps.length; i++) {
      in.buffer(new ConsumerRecord<>(stream, 0, i, timestamps[i], TimestampType.CREATE_TIME, 0, 0, null, null,
          new RecordHeaders(), Optional.empty()));
    }
    t.addInput(in);
    return in;
  }

  @BeforeEach
  void onePriority() {
    priorities = new int[] {-1};
  }

  @Test
  void levelsAreThePrioritiesHighestFirstAndAWrongLevelFailsWhenTheChooserIsBuilt() {
    int[] descending = MessageChooser.prioritiesDescending(new int[] {-1, 5, Integer.MAX_VALUE, 5, -1});
    assertArrayEquals(new int[] {Integer.MAX_VALUE, 5, -1}, descending);
    assertEquals(0, MessageChooser.levelOf(Integer.MAX_VALUE, descending));
    assertEquals(2, MessageChooser.levelOf(-1, descending));
    assertThrows(IllegalArgumentException.class, () -> MessageChooser.levelOf(7, descending));
    TaskInput lone = input("a", -1, false, 1);
    TaskInput misplaced = new TaskInput(new SystemStreamPartition("kafka", "b", 0), task, null, -1, false, false,
        TaskInput.NO_END, -1, null, 1, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MessageChooser(List.of(lone, misplaced)));
    assertTrue(e.getMessage().contains("has level 1 for priority -1"), e.getMessage());
  }

  private static TaskInstance newTask(String name) {
    return new TaskInstance(new TaskName(name), (StreamTask) (e, c, k) -> { }, e -> { },
        new TaskMetrics(new SimpleMeterRegistry(), "j", "0", new TaskName(name)), null, new CompletionQueue(() -> { }),
        1, "test");
  }

  private static List<String> drain(MessageChooser chooser, int n) {
    List<String> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TaskInput in = chooser.choose();
      if (in == null) {
        order.add("-");
        continue;
      }
      in.takeBuffered();
      order.add(in.ssp.getStream());
      if (in.hasBuffered()) {
        chooser.offer(in);
      }
    }
    return order;
  }

  @Test
  void roundRobinTakesOneMessagePerPartitionPerTurn() {
    TaskInput a = input("a", -1, false, 3);
    TaskInput b = input("b", -1, false, 1);
    MessageChooser chooser = new MessageChooser(List.of(a, b));
    chooser.offer(a);
    chooser.offer(b);
    assertEquals(List.of("a", "b", "a", "a", "-"), drain(chooser, 5));
  }

  @Test
  void higherPriorityFirstWhileItHasData() {
    priorities = new int[] {5, 1};
    TaskInput lo = input("lo", 1, false, 2);
    TaskInput hi = input("hi", 5, false, 2);
    MessageChooser chooser = new MessageChooser(List.of(lo, hi));
    chooser.offer(lo);
    chooser.offer(hi);
    assertEquals(List.of("hi", "hi", "lo", "lo"), drain(chooser, 4));
  }

  @Test
  void otherInputsWaitUntilTheBootstrapInputIsCaughtUp() {
    priorities = new int[] {Integer.MAX_VALUE, 100};
    TaskInput main = input("main", 100, false, 2);
    TaskInput boot = input("boot", Integer.MAX_VALUE, true, 1);
    MessageChooser chooser = new MessageChooser(List.of(main, boot));
    chooser.offer(main);
    chooser.offer(boot);
    assertEquals(List.of("boot", "-"), drain(chooser, 2), "main is held while boot is not caught up");
    assertTrue(boot.markCaughtUp());
    assertTrue(task.bootstrapCaughtUp(), "boot was the task's only bootstrap input");
    assertEquals(List.of("main", "main", "-"), drain(chooser, 3));
  }

  @Test
  void severalPrioritiesAreOpenUntilTheHigherInputEnds() {
    TaskInstance t = newTask("Partition 3");
    priorities = new int[] {Integer.MAX_VALUE, -1};
    TaskInput table = new TaskInput(new SystemStreamPartition("kafka", "table", 0), t, null, Integer.MAX_VALUE, true,
        true, 10, -1, null, 0, false);
    t.addInput(table);
    TaskInput stream = timed(t, "stream", -1, 1);
    MessageChooser chooser = new MessageChooser(List.of(table, stream));
    assertTrue(chooser.severalPrioritiesOpen());
    table.end();
    assertFalse(chooser.severalPrioritiesOpen(), "only the stream's priority is left");
  }

  @Test
  void aTaskThatVotedToStopGetsNothing() {
    TaskInput a = input("a", -1, false, 1);
    MessageChooser chooser = new MessageChooser(List.of(a));
    chooser.offer(a);
    assertTrue(task.voteShutdown());
    assertNull(chooser.choose());
  }

  @Test
  void timestampOrderTakesTheTasksEarliestHeadFirstAndKeepsEachPartitionInOffsetOrder() {
    TaskInstance t = newTask("Partition 1");
    TaskInput bids = timed(t, "bids", -1, 1, 2, 3, 9, 10);
    TaskInput auctions = timed(t, "auctions", -1, 5, 8);
    MessageChooser chooser = new MessageChooser(List.of(bids, auctions), ChooserOrder.TIMESTAMP);
    chooser.offer(bids);
    chooser.offer(auctions);
    assertEquals(List.of("bids", "bids", "bids", "auctions", "auctions", "bids", "bids", "-"), drain(chooser, 8));
  }

  @Test
  void timestampOrderComparesOnlyPartitionsOfTheSameTaskAndPriority() {
    TaskInstance t1 = newTask("Partition 1");
    TaskInstance t2 = newTask("Partition 2");
    priorities = new int[] {5, -1};
    TaskInput a1 = timed(t1, "a1", -1, 10, 11);
    TaskInput b1 = timed(t1, "b1", 5, 1);
    TaskInput c2 = timed(t2, "c2", -1, 1, 2);
    MessageChooser chooser = new MessageChooser(List.of(a1, b1, c2), ChooserOrder.TIMESTAMP);
    chooser.offer(a1);
    chooser.offer(c2);
    chooser.offer(b1);
    // b1 first by priority; then a1 and c2 alternate (other tasks' timestamps do not matter)
    assertEquals(List.of("b1", "a1", "c2", "a1", "c2", "-"), drain(chooser, 6));
  }

  @Test
  void timestampOrderNotesADryPartitionOfTheTaskWithRecordsWaitingSoItIsRefetched() {
    TaskInstance t = newTask("Partition 1");
    TaskInput bids = timed(t, "bids", -1, 1, 2, 3);
    TaskInput auctions = timed(t, "auctions", -1);
    MessageChooser chooser = new MessageChooser(List.of(bids, auctions), ChooserOrder.TIMESTAMP);
    chooser.offer(bids);
    assertFalse(chooser.takeDryPeer());
    assertEquals(List.of("bids"), drain(chooser, 1), "a dry partition does not hold the task back");
    assertTrue(chooser.takeDryPeer(), "its lag is not known yet: a poll may bring records");
    assertFalse(chooser.takeDryPeer(), "the note is taken once");
    auctions.fetchedLag(25);
    assertEquals(List.of("bids"), drain(chooser, 1));
    assertTrue(chooser.takeDryPeer(), "the consumer knows of 25 records not yet fetched");
    auctions.endAsTaskSaid();
    assertEquals(List.of("bids"), drain(chooser, 1));
    assertFalse(chooser.takeDryPeer(), "an ended partition needs no refetch");
  }

  @Test
  void timestampOrderIgnoresADryPartitionThatIsCaughtUp() {
    TaskInstance t = newTask("Partition 1");
    TaskInput bids = timed(t, "bids", -1, 1, 2, 3);
    TaskInput auctions = timed(t, "auctions", -1);
    auctions.fetchedLag(0);
    MessageChooser chooser = new MessageChooser(List.of(bids, auctions), ChooserOrder.TIMESTAMP);
    chooser.offer(bids);
    assertEquals(List.of("bids", "bids"), drain(chooser, 2), "the caught-up partition does not hold the task back");
    assertFalse(chooser.takeDryPeer(), "nothing waits at the broker: no refetch");
    auctions.fetchedLag(1);
    assertEquals(List.of("bids"), drain(chooser, 1));
    assertTrue(chooser.takeDryPeer(), "a later poll learnt of a record");
  }

  @Test
  void roundRobinIgnoresTimestamps() {
    TaskInstance t = newTask("Partition 1");
    TaskInput bids = timed(t, "bids", -1, 1, 2, 3);
    TaskInput auctions = timed(t, "auctions", -1, 9, 10);
    MessageChooser chooser = new MessageChooser(List.of(auctions, bids), ChooserOrder.ROUND_ROBIN);
    chooser.offer(auctions);
    chooser.offer(bids);
    assertEquals(List.of("auctions", "bids", "auctions", "bids", "bids"), drain(chooser, 5));
    assertFalse(chooser.takeDryPeer());
  }

  @Test
  void aTurnTakesUpToTheBatchSizeInARowThenTheNextPartitionGoes() {
    TaskInput a = input("a", -1, false, 5);
    TaskInput b = timed(newTask("Partition 1"), "b", -1, 1, 2);
    MessageChooser chooser = new MessageChooser(List.of(a, b), ChooserOrder.ROUND_ROBIN, 3);
    chooser.offer(a);
    chooser.offer(b);
    assertEquals(List.of("a", "a", "a", "b", "b", "a", "a", "-"), drain(chooser, 8),
        "a's turn ends after 3 messages, b's when it ran dry");
  }

  @Test
  void aHigherPriorityInputQueuedEndsTheTurnAtOnce() {
    priorities = new int[] {5, 1};
    TaskInput lo = input("lo", 1, false, 4);
    TaskInput hi = input("hi", 5, false, 1);
    MessageChooser chooser = new MessageChooser(List.of(lo, hi), ChooserOrder.ROUND_ROBIN, 10);
    chooser.offer(lo);
    assertEquals(List.of("lo", "lo"), drain(chooser, 2));
    chooser.offer(hi); // a poll brought data of a higher priority
    assertEquals(List.of("hi", "lo", "lo", "-"), drain(chooser, 4));
  }

  @Test
  void aTurnOfSeveralMessagesKeepsTheTasksTimestampOrder() {
    TaskInstance t = newTask("Partition 1");
    TaskInput bids = timed(t, "bids", -1, 1, 2, 3, 9, 10);
    TaskInput auctions = timed(t, "auctions", -1, 5, 8);
    MessageChooser chooser = new MessageChooser(List.of(bids, auctions), ChooserOrder.TIMESTAMP, 16);
    chooser.offer(bids);
    chooser.offer(auctions);
    assertEquals(List.of("bids", "bids", "bids", "auctions", "auctions", "bids", "bids", "-"), drain(chooser, 8),
        "the turn ends where the other partition's head is earlier");
  }

  @Test
  void aTurnEndsWhenItsTaskTakesNoMore() {
    TaskInput a = input("a", -1, false, 4);
    MessageChooser chooser = new MessageChooser(List.of(a), ChooserOrder.ROUND_ROBIN, 4);
    chooser.offer(a);
    assertEquals(List.of("a"), drain(chooser, 1));
    assertTrue(task.voteShutdown());
    assertNull(chooser.choose(), "a task that voted to stop gets nothing, within a turn too");
    assertThrows(IllegalArgumentException.class, () -> new MessageChooser(List.of(a), ChooserOrder.ROUND_ROBIN, 0));
  }

  /** Buffers {@code n} more records into {@code in}, from offset {@code from}: what a poll does. */
  private static void refill(TaskInput in, long from, int n) {
    for (int i = 0; i < n; i++) {
      in.buffer(new ConsumerRecord<>(in.ssp.getStream(), 0, from + i, null, null));
    }
  }

  @Test
  void turnsOfSeveralMessagesGoRoundEveryReadyPartitionInOrder() {
    TaskInput a = input("a", -1, false, 10);
    TaskInput b = input("b", -1, false, 10);
    TaskInput c = input("c", -1, false, 10);
    MessageChooser chooser = new MessageChooser(List.of(a, b, c), ChooserOrder.ROUND_ROBIN, 4);
    chooser.offer(a);
    chooser.offer(b);
    chooser.offer(c);
    List<String> expected = new ArrayList<>();
    for (int[] turn : new int[][] {{4, 4, 4}, {4, 4, 4}, {2, 2, 2}}) {
      for (int i = 0; i < 3; i++) {
        expected.addAll(Collections.nCopies(turn[i], List.of("a", "b", "c").get(i)));
      }
    }
    expected.add("-");
    assertEquals(expected, drain(chooser, 31), "each partition takes 4 in a row, then the next, round and round");
  }

  @Test
  void aPartitionReadyDuringATurnEndsItAndQueuesBehindTheOneWhoseTurnItWas() {
    TaskInput a = input("a", -1, false, 5);
    TaskInput b = input("b", -1, false, 3);
    TaskInput c = input("c", -1, false, 0);
    MessageChooser chooser = new MessageChooser(List.of(a, b, c), ChooserOrder.ROUND_ROBIN, 3);
    chooser.offer(a);
    chooser.offer(b);
    assertEquals(List.of("a"), drain(chooser, 1));
    refill(c, 0, 2);
    chooser.offer(c); // a poll brought c's first records while a's turn went on
    assertEquals(List.of("b", "b", "b", "a", "a", "a", "c", "c", "a", "-"), drain(chooser, 10),
        "a's turn ended at c's offer; a stood before c in the queue, b before both");
  }

  @Test
  void aPartitionRefilledDuringItsTurnKeepsTheTurnWhenNothingWasQueuedAfterIt() {
    TaskInput a = input("a", -1, false, 1);
    TaskInput b = input("b", -1, false, 3);
    MessageChooser chooser = new MessageChooser(List.of(a, b), ChooserOrder.ROUND_ROBIN, 4);
    chooser.offer(a);
    chooser.offer(b);
    assertEquals(List.of("a"), drain(chooser, 1), "a ran dry and was not offered again");
    refill(a, 1, 5);
    chooser.offer(a); // a poll refilled it: it is at the back, nothing behind it
    chooser.offer(b); // already queued: changes nothing
    assertEquals(List.of("a", "a", "a", "b", "b", "b", "a", "a", "-"), drain(chooser, 9),
        "a's turn goes on to 4 messages, then b's, then a's again");
  }
}
