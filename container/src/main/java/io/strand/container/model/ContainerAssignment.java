package io.strand.container.model;

import io.strand.container.TaskName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Spreads tasks over containers: balanced (container sizes differ by at most one) and sticky to a
 * previous assignment. A task stays in its previous container when that container still exists
 * and is not over its fair share; only tasks that must move (their container is gone or too full)
 * and new tasks are placed, in task-name order: first filling every container, in id order, up
 * to its base share ({@code tasks / containers}), then one more each to the containers, in id
 * order, that may still hold an extra task. The same inputs always give the same assignment.
 *
 * <p>Threading: stateless; safe from any thread.
 */
final class ContainerAssignment {

  private ContainerAssignment() {}

  /**
   * Assigns tasks to containers {@code "0"} to {@code containerCount - 1}.
   *
   * @param tasks every task of the job
   * @param containerCount the number of containers, at least 1 and at most the number of tasks
   * @param previous the previous container id of each task; tasks absent from it are new
   * @return the tasks of each container, keyed by container id in numeric order, each list sorted
   * @throws IllegalArgumentException if {@code containerCount} is not between 1 and the task count
   */
  static Map<String, List<TaskName>> assign(Collection<TaskName> tasks, int containerCount,
      Map<TaskName, String> previous) {
    Set<TaskName> all = new TreeSet<>(tasks);
    if (containerCount < 1 || containerCount > all.size()) {
      throw new IllegalArgumentException("expected 1 to " + all.size() + " containers, got " + containerCount);
    }
    int base = all.size() / containerCount;
    int bigSlots = all.size() % containerCount; // containers that may hold base + 1

    Map<String, List<TaskName>> kept = new LinkedHashMap<>();
    Map<String, List<TaskName>> overflow = new LinkedHashMap<>();
    for (int c = 0; c < containerCount; c++) {
      kept.put(String.valueOf(c), new ArrayList<>());
      overflow.put(String.valueOf(c), new ArrayList<>());
    }
    List<TaskName> unplaced = new ArrayList<>();
    for (TaskName task : all) { // sorted, so what is kept and what moves is deterministic
      String was = previous.get(task);
      List<TaskName> home = was == null ? null : kept.get(was);
      if (home == null) {
        unplaced.add(task);
      } else if (home.size() < base) {
        home.add(task);
      } else {
        overflow.get(was).add(task);
      }
    }
    // A container that had more than its base share keeps one extra task while big slots last.
    List<String> big = new ArrayList<>();
    for (Map.Entry<String, List<TaskName>> e : overflow.entrySet()) {
      List<TaskName> extra = e.getValue();
      if (!extra.isEmpty() && big.size() < bigSlots) {
        kept.get(e.getKey()).add(extra.remove(0));
        big.add(e.getKey());
      }
      unplaced.addAll(extra);
    }
    unplaced.sort(null);

    int next = 0;
    for (List<TaskName> container : kept.values()) {
      while (container.size() < base) {
        container.add(unplaced.get(next++));
      }
    }
    for (Map.Entry<String, List<TaskName>> e : kept.entrySet()) {
      if (next < unplaced.size() && !big.contains(e.getKey())) {
        e.getValue().add(unplaced.get(next++));
      }
    }
    kept.values().forEach(list -> list.sort(null));
    return kept;
  }
}
