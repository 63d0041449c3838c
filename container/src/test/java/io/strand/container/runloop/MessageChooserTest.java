package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.container.TaskName;
import io.strand.container.metrics.TaskMetrics;
import io.strand.system.SystemStreamPartition;
import io.strand.task.StreamTask;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Pure chooser logic (the broker tests in StreamContainerFlowTest cover the wiring). */
class MessageChooserTest {

  private final TaskInstance task = new TaskInstance(new TaskName("Partition 0"), (StreamTask) (e, c, k) -> { },
      e -> { }, new TaskMetrics(new SimpleMeterRegistry(), "j", "0", new TaskName("Partition 0")), null,
      new CompletionQueue(() -> { }), 1, "test");

  private TaskInput input(String stream, int priority, boolean bootstrap, int records) {
    TaskInput in = new TaskInput(new SystemStreamPartition("kafka", stream, 0), task, null, priority, bootstrap,
        false, bootstrap ? 1_000 : TaskInput.NO_END, -1, null);
    for (int i = 0; i < records; i++) {
      in.buffer(new ConsumerRecord<>(stream, 0, i, null, null));
    }
    task.addInput(in);
    return in;
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
    TaskInput lo = input("lo", 1, false, 2);
    TaskInput hi = input("hi", 5, false, 2);
    MessageChooser chooser = new MessageChooser(List.of(lo, hi));
    chooser.offer(lo);
    chooser.offer(hi);
    assertEquals(List.of("hi", "hi", "lo", "lo"), drain(chooser, 4));
  }

  @Test
  void otherInputsWaitUntilTheBootstrapInputIsCaughtUp() {
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
  void aTaskThatVotedToStopGetsNothing() {
    TaskInput a = input("a", -1, false, 1);
    MessageChooser chooser = new MessageChooser(List.of(a));
    chooser.offer(a);
    assertTrue(task.voteShutdown());
    assertNull(chooser.choose());
  }
}
