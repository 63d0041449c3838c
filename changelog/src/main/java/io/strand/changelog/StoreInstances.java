package io.strand.changelog;

import io.strand.container.TaskName;
import io.strand.kv.StoreHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The store instances of one container, per task and store name, as {@link ContainerStorageBuilder}
 * described them: finding one, listing them (all, or the logged ones) and closing them all. The
 * set never changes after the build; each instance's own state (open, restored, re-seeded) is the
 * instance's.
 *
 * <p>Threading: the run-loop thread, as {@link ContainerStorage}; the restore threads get
 * instances from a list made here and hand them back through futures.
 */
final class StoreInstances {
  private final String containerId;
  private final Map<TaskName, Map<String, StoreInstance>> byTask;

  /**
   * The instances of a container.
   *
   * @param containerId the container's id, for errors
   * @param byTask per task, per store name, the instance; the same store names for every task; a
   *     container-wide instance is the same object under every task
   */
  StoreInstances(String containerId, Map<TaskName, Map<String, StoreInstance>> byTask) {
    this.containerId = containerId;
    this.byTask = byTask;
  }

  /**
   * Per task, per store name, the instance, for a commit ({@link StoreCommit#begin}).
   *
   * @return the map given at construction; callers do not change it
   */
  Map<TaskName, Map<String, StoreInstance>> byTask() {
    return byTask;
  }

  /**
   * Every instance, task by task, each once (a container-wide instance is under every task).
   *
   * @return a new list
   */
  List<StoreInstance> all() {
    // A container-wide instance is under every task: listed once, so it is opened and closed once.
    Set<StoreInstance> all = Collections.newSetFromMap(new IdentityHashMap<>());
    List<StoreInstance> ordered = new ArrayList<>();
    byTask.values().forEach(stores -> stores.values().forEach(instance -> {
      if (all.add(instance)) {
        ordered.add(instance);
      }
    }));
    return ordered;
  }

  /**
   * Every logged instance, task by task.
   *
   * @return a new list
   */
  List<LoggedStoreInstance> logged() {
    List<LoggedStoreInstance> logged = new ArrayList<>();
    for (StoreInstance instance : all()) {
      if (instance instanceof LoggedStoreInstance l) {
        logged.add(l);
      }
    }
    return logged;
  }

  /**
   * The instances of one task.
   *
   * @param task the task
   * @return its instances by store name; empty if this container has no such task
   */
  Map<String, StoreInstance> of(TaskName task) {
    return byTask.getOrDefault(task, Map.of());
  }

  /**
   * One instance.
   *
   * @param task the task
   * @param store the store name
   * @return the instance
   * @throws IllegalArgumentException if this container has no such task or store
   */
  StoreInstance get(TaskName task, String store) {
    Map<String, StoreInstance> stores = byTask.get(task);
    if (stores == null) {
      throw new IllegalArgumentException("container '" + containerId + "' has no task '" + task.name() + "'; it has "
          + byTask.keySet());
    }
    StoreInstance instance = stores.get(store);
    if (instance == null) {
      throw new IllegalArgumentException("no store '" + store + "' is configured; configured stores: "
          + stores.keySet());
    }
    return instance;
  }

  /**
   * Every instance's open handle.
   *
   * @return per task, the handles by store name, unmodifiable
   * @throws IllegalStateException if an instance is not open
   */
  Map<TaskName, Map<String, StoreHandle>> handles() {
    Map<TaskName, Map<String, StoreHandle>> handles = new HashMap<>();
    byTask.forEach((task, stores) -> {
      Map<String, StoreHandle> byName = new TreeMap<>();
      stores.forEach((name, instance) -> byName.put(name, instance.handle()));
      handles.put(task, Map.copyOf(byName));
    });
    return Map.copyOf(handles);
  }

  /**
   * The store names (the same for every task).
   *
   * @return the names, sorted
   */
  Collection<String> storeNames() {
    return byTask.values().stream().findFirst().map(m -> (Collection<String>) List.copyOf(m.keySet()))
        .orElse(List.of());
  }

  /**
   * Closes every instance (each flushes its cache first), all of them even when some fail.
   *
   * @throws RuntimeException the first failure, with the later ones suppressed
   */
  void closeAll() {
    RuntimeException failure = null;
    for (StoreInstance instance : all()) {
      try {
        instance.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
