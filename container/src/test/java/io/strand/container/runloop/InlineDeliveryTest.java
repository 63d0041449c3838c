package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.metrics.TaskMetrics;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.SystemStreamPartition;
import io.strand.task.StreamTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inline delivery's counting: the first message at once, the rest batched until a flush. */
class InlineDeliveryTest {

  private static final SystemStreamPartition SSP = new SystemStreamPartition("kafka", "in", 0);

  private final List<Object> seen = new ArrayList<>();
  private final TaskMetrics metrics = new TaskMetrics(new SimpleMeterRegistry(), "j", "0", new TaskName("Partition 0"));
  private final TaskInstance task = new TaskInstance(new TaskName("Partition 0"),
      (StreamTask) (e, c, k) -> {
        if ("boom".equals(e.getMessage())) {
          throw new IllegalStateException("boom");
        }
        seen.add(e.getMessage());
      }, e -> { }, metrics, null, new CompletionQueue(() -> { }), 1, "test");
  private final TaskInput in = new TaskInput(SSP, task, null, -1, false, false, TaskInput.NO_END, -1, null, 0, false);

  private boolean process(long offset, Object message) {
    IncomingMessageEnvelope env = message == null ? null
        : new IncomingMessageEnvelope(SSP, offset, null, message, 0, IncomingMessageEnvelope.NO_EVENT_TIME);
    return task.process(in, env, offset);
  }

  @Test
  void theFirstMessageIsCountedAtOnceAndTheRestAtTheNextFlush() {
    assertFalse(process(0, "a"), "inline: processed, not in flight");
    assertEquals(1.0, metrics.messagesProcessed().count(), "the first message is counted as it is processed");
    process(1, "b");
    process(2, null); // skipped as bad input: counted, not handed to the task, in order
    assertEquals(1.0, metrics.messagesProcessed().count(), "later ones wait for a flush");
    assertEquals(2, in.lastProcessed());
    task.flushMetrics();
    assertEquals(3.0, metrics.messagesProcessed().count());
    task.flushMetrics();
    assertEquals(3.0, metrics.messagesProcessed().count(), "nothing counted twice");
    assertEquals(List.of("a", "b"), seen);
    assertEquals(0, task.inFlight());
  }

  @Test
  void aFailingProcessCallNamesTaskAndOffsetAndLeavesTheOffsetUnprocessed() {
    process(0, "a");
    ContainerFailedException e = assertThrows(ContainerFailedException.class, () -> process(1, "boom"));
    assertEquals(true, e.getMessage().contains("task 'Partition 0' failed in process") && e.getMessage()
        .contains("offset 1"), e.getMessage());
    assertEquals(0, in.lastProcessed(), "the failed message is not processed");
    assertThrows(IllegalStateException.class, () -> task.completed(null), "inline tasks have no completions");
  }
}
