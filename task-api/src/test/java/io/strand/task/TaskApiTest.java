package io.strand.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strand.container.TaskName;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TaskApiTest {

  @Test
  void taskNamesCompareAsTextAndPrintAsTheName() {
    TaskName zero = new TaskName("Partition 0");
    assertEquals("Partition 0", zero.toString());
    assertEquals("Partition 0", zero.getTaskName());
    TreeSet<TaskName> sorted = new TreeSet<>(List.of(new TaskName("Partition 2"), new TaskName("Partition 10"), zero));
    assertEquals(List.of("Partition 0", "Partition 10", "Partition 2"), sorted.stream().map(TaskName::name).toList());
    assertThrows(IllegalArgumentException.class, () -> new TaskName(" "));
    assertThrows(IllegalArgumentException.class, () -> new TaskName(null));
  }

  /** A task written as in the user's view compiles and runs against hand-made collector and coordinator. */
  @Test
  void aStreamTaskEchoesThroughTheCollectorAndVotesToStop() throws Exception {
    List<OutgoingMessageEnvelope> sent = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    TaskCoordinator coordinator = new TaskCoordinator() {
      @Override
      public void commit(RequestScope scope) {
        requests.add("commit " + scope);
      }

      @Override
      public void shutdown(RequestScope scope) {
        requests.add("shutdown " + scope);
      }
    };
    SystemStream out = SystemStream.parse("kafka.echo");
    StreamTask task = (env, collector, coord) -> {
      collector.send(new OutgoingMessageEnvelope(out, env.getKey(), env.getMessage()));
      coord.shutdown(TaskCoordinator.RequestScope.CURRENT_TASK);
    };

    task.process(new IncomingMessageEnvelope(SystemStreamPartition.parse("kafka.in#0"), "5", "k", "v"),
        sent::add, coordinator);

    assertEquals(List.of(new OutgoingMessageEnvelope(out, "k", "k", "v")), sent);
    assertEquals(List.of("shutdown CURRENT_TASK"), requests);
  }

  @Test
  void requestScopesAreTheTwoOfSamza() {
    assertEquals(List.of("CURRENT_TASK", "ALL_TASKS_IN_CONTAINER"),
        List.of(TaskCoordinator.RequestScope.values()).stream().map(Enum::name).toList());
  }
}
