package io.strand.container.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.TaskName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ContainerAssignmentTest {

  private static List<TaskName> tasks(int n) {
    return IntStream.range(0, n).mapToObj(i -> new TaskName("Partition " + i)).toList();
  }

  private static Map<TaskName, String> owners(Map<String, List<TaskName>> assignment) {
    Map<TaskName, String> owners = new HashMap<>();
    assignment.forEach((c, ts) -> ts.forEach(t -> owners.put(t, c)));
    return owners;
  }

  @Test
  void freshAssignmentIsBalancedAndCoversEveryTaskOnce() {
    Map<String, List<TaskName>> a = ContainerAssignment.assign(tasks(8), 3, Map.of());

    assertEquals(List.of("0", "1", "2"), List.copyOf(a.keySet()));
    assertEquals(List.of(3, 3, 2), a.values().stream().map(List::size).toList());
    assertEquals(new TreeSet<>(tasks(8)), new TreeSet<>(owners(a).keySet()));
  }

  @Test
  void unchangedInputsKeepEveryTaskWhereItWas() {
    Map<String, List<TaskName>> first = ContainerAssignment.assign(tasks(8), 3, Map.of());

    assertEquals(first, ContainerAssignment.assign(tasks(8), 3, owners(first)));
  }

  @Test
  void addingAContainerMovesOnlyWhatTheNewOneNeeds() {
    Map<String, List<TaskName>> two = ContainerAssignment.assign(tasks(8), 2, Map.of());
    Map<String, List<TaskName>> three = ContainerAssignment.assign(tasks(8), 3, owners(two));

    assertEquals(List.of(3, 3, 2), three.values().stream().map(List::size).toList());
    Map<TaskName, String> before = owners(two);
    long moved = owners(three).entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
    assertEquals(2, moved, "only the new container's share moves: " + two + " -> " + three);
  }

  @Test
  void removingAContainerMovesOnlyItsTasks() {
    Map<String, List<TaskName>> three = ContainerAssignment.assign(tasks(9), 3, Map.of());
    Map<String, List<TaskName>> two = ContainerAssignment.assign(tasks(9), 2, owners(three));

    for (String kept : List.of("0", "1")) {
      assertTrue(two.get(kept).containsAll(three.get(kept)), "container " + kept + " keeps its tasks: " + two);
    }
    assertEquals(List.of(5, 4), two.values().stream().map(List::size).toList());
  }

  @Test
  void newTasksFillTheSmallestContainersAndOldOnesStay() {
    Map<String, List<TaskName>> before = ContainerAssignment.assign(tasks(4), 2, Map.of());
    Map<String, List<TaskName>> after = ContainerAssignment.assign(tasks(6), 2, owners(before));

    for (String c : List.of("0", "1")) {
      assertTrue(after.get(c).containsAll(before.get(c)));
    }
    assertEquals(List.of(3, 3), after.values().stream().map(List::size).toList());
  }

  @Test
  void anyPreviousAssignmentGivesABalancedStickyDeterministicResult() {
    Random random = new Random(42);
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(20);
      int c = 1 + random.nextInt(n);
      Map<TaskName, String> previous = new HashMap<>();
      for (TaskName t : tasks(n + 3)) { // some previous tasks no longer exist
        if (random.nextInt(4) > 0) {
          previous.put(t, String.valueOf(random.nextInt(c + 2))); // some containers no longer exist
        }
      }
      Map<String, List<TaskName>> a = ContainerAssignment.assign(tasks(n), c, previous);

      int min = a.values().stream().mapToInt(List::size).min().orElseThrow();
      int max = a.values().stream().mapToInt(List::size).max().orElseThrow();
      assertTrue(max - min <= 1, "balanced: " + a);
      assertEquals(n, owners(a).size(), "every task once: " + a);
      assertEquals(a, ContainerAssignment.assign(tasks(n), c, new HashMap<>(previous)), "deterministic");
      // Sticky: a task whose previous container exists only moves if that container was over its share.
      int share = n / c + (n % c == 0 ? 0 : 1);
      Map<TaskName, String> now = owners(a);
      for (Map.Entry<TaskName, String> e : previous.entrySet()) {
        if (now.containsKey(e.getKey()) && a.containsKey(e.getValue()) && !now.get(e.getKey()).equals(e.getValue())) {
          long hadThere = previous.entrySet().stream()
              .filter(p -> p.getValue().equals(e.getValue()) && now.containsKey(p.getKey())).count();
          assertTrue(hadThere > n / c, "task " + e.getKey() + " moved from " + e.getValue() + " which held only "
              + hadThere + " (share " + share + "): " + previous + " -> " + a);
        }
      }
    }
  }

  @Test
  void moreContainersThanTasksIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ContainerAssignment.assign(tasks(2), 3, Map.of()));
  }
}
