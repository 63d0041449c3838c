package io.strand.container.query;

import io.strand.container.job.JobIdentity;
import io.strand.container.model.JobModel;
import io.strand.container.TaskName;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.KeyNotLocalException;
import io.strand.storage.query.StoreLayout;
import io.strand.storage.query.StoreUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stores of one job's containers in this JVM, read at the byte level: keys are serialized user
 * keys, values serialized values. {@link QueryableState}'s views and the HTTP endpoint decode them
 * with the store's {@link StoreFormat}.
 *
 * <p>Threading: thread-safe.
 */
public final class JobStores {

  private final JobIdentity job;
  private final Map<String, ContainerStores> containers = new ConcurrentHashMap<>();
  private volatile JobModel model;
  private volatile StoreLocator locator;
  private volatile Map<String, StoreFormat> formats = Map.of();

  /**
   * One stored value with the task it came from.
   *
   * @param task the task
   * @param key the serialized user key
   * @param value the serialized value
   * @param startMs the window start, epoch ms (window stores; else 0)
   * @param endMs the window end, epoch ms, exclusive (window stores; else 0)
   */
  public record Found(TaskName task, byte[] key, byte[] value, long startMs, long endMs) { }

  JobStores(JobIdentity job) {
    this.job = job;
  }

  synchronized void add(JobModel jobModel, ContainerStores stores, Map<String, StoreFormat> storeFormats) {
    if (!jobModel.equals(model)) {
      model = jobModel;
      locator = new StoreLocator(jobModel, Map.of());
    }
    formats = Map.copyOf(storeFormats);
    containers.put(stores.containerId(), stores);
  }

  synchronized void remove(ContainerStores stores) {
    containers.remove(stores.containerId(), stores);
  }

  synchronized boolean isEmpty() {
    return containers.isEmpty();
  }

  /**
   * A store's format.
   *
   * @param store the store
   * @return the format
   * @throws StoreUnavailableException if no running container here has the store
   */
  public StoreFormat format(String store) {
    StoreFormat format = formats.get(store);
    if (format == null || containers.isEmpty()) {
      throw new StoreUnavailableException("no running container of job '" + job.name() + "' in this JVM has a store '"
          + store + "'" + (containers.isEmpty() ? "" : "; stores: " + formats.keySet()));
    }
    return format;
  }

  /**
   * The stores served here.
   *
   * @return the store names, sorted
   */
  public List<String> storeNames() {
    return containers.isEmpty() ? List.of() : formats.keySet().stream().sorted().toList();
  }

  /**
   * The ids of the job's containers running here.
   *
   * @return the ids, sorted
   */
  public List<String> containerIds() {
    return containers.keySet().stream().sorted().toList();
  }

  /**
   * Where a key lives, from the job model.
   *
   * @param store the store
   * @param key the serialized user key
   * @return the location (without an endpoint)
   * @throws StoreUnavailableException if the store is not served here
   */
  public KeyLocation locate(String store, byte[] key) {
    format(store);
    return locator.locate(key);
  }

  /**
   * A key's value, from the task that owns it.
   *
   * @param store the store
   * @param key the serialized user key
   * @return the value and its task, or empty if absent
   * @throws KeyNotLocalException if the owning task's container does not run here
   * @throws StoreUnavailableException if the store is not served here
   */
  public Optional<Found> get(String store, byte[] key) {
    StoreFormat format = format(store);
    KeyLocation at = locator.locate(key);
    ContainerStores owner = owner(store, at);
    byte[] value = owner.read(at.task(), store, engine -> engine.get(format.layout().entryKey(key)));
    return value == null ? Optional.empty()
        : Optional.of(new Found(at.task(), key, format.layout().userValue(value), 0, 0));
  }

  /**
   * Up to {@code limit} entries with user keys in {@code [from, to)} (null: unbounded), of every task
   * here, ordered by serialized key within a task, tasks by name.
   *
   * @param store the store
   * @param from the first serialized user key, or null
   * @param to the end serialized user key, exclusive, or null
   * @param limit the most entries returned
   * @return the entries
   * @throws StoreUnavailableException if the store is not served here
   */
  public List<Found> range(String store, byte[] from, byte[] to, int limit) {
    List<Found> found = new ArrayList<>();
    try (KeyValueIterator<TaskName, Entry<byte[], byte[]>> it = iterate(store, from, to)) {
      while (found.size() < limit && it.hasNext()) {
        Entry<TaskName, Entry<byte[], byte[]>> e = it.next();
        found.add(new Found(e.getKey(), e.getValue().getKey(), e.getValue().getValue(), 0, 0));
      }
    }
    return found;
  }

  /**
   * An iterator of a key-value store's entries with user keys in {@code [from, to)} (null:
   * unbounded), of every task here: each entry is (task, (serialized user key, serialized value)).
   *
   * @param store the store
   * @param from the first serialized user key, or null
   * @param to the end serialized user key, exclusive, or null
   * @return the iterator; close it
   * @throws StoreUnavailableException if the store is not served here
   */
  public KeyValueIterator<TaskName, Entry<byte[], byte[]>> iterate(String store, byte[] from, byte[] to) {
    StoreFormat format = format(store);
    StoreLayout layout = format.layout();
    if (layout.windowed()) {
      throw new StoreUnavailableException("store '" + store + "' is a window store: fetch windows instead");
    }
    byte[] lower = from == null ? layout.dataFrom() : layout.entryKey(from);
    byte[] upper = to == null ? layout.dataTo() : layout.entryKey(to);
    List<Part> parts = parts(store);
    return new TaskIterator(parts, part -> part.stores().range(part.task(), store, lower, upper), layout);
  }

  /**
   * A key's windows with start in {@code [fromMs, toMs]}, from the task that owns it.
   *
   * @param store the window store
   * @param key the serialized user key
   * @param fromMs the earliest start, epoch ms
   * @param toMs the latest start, epoch ms
   * @return the windows, by start
   * @throws KeyNotLocalException if the owning task's container does not run here
   * @throws StoreUnavailableException if the store is not served here or is not a window store
   */
  public List<Found> fetch(String store, byte[] key, long fromMs, long toMs) {
    StoreLayout layout = windowLayout(store);
    KeyLocation at = locator.locate(key);
    ContainerStores owner = owner(store, at);
    if (toMs < fromMs) {
      return List.of();
    }
    byte[] lower = layout.windowFrom(key, fromMs);
    // A window starting at Long.MAX_VALUE itself cannot exist (its end would overflow).
    byte[] upper = layout.windowFrom(key, toMs == Long.MAX_VALUE ? toMs : toMs + 1);
    List<Found> found = new ArrayList<>();
    try (KeyValueIterator<byte[], byte[]> it = owner.range(at.task(), store, lower, upper)) {
      while (it.hasNext()) {
        Entry<byte[], byte[]> e = it.next();
        found.add(new Found(at.task(), key, layout.userValue(e.getValue()), layout.windowStart(e.getKey()),
            layout.windowEnd(e.getKey())));
      }
    }
    return found;
  }

  /**
   * Up to {@code limit} windows of every key of every task here with start in {@code [fromMs, toMs]}.
   *
   * @param store the window store
   * @param fromMs the earliest start, epoch ms
   * @param toMs the latest start, epoch ms
   * @param limit the most windows returned
   * @return the windows, by serialized key then start within a task
   * @throws StoreUnavailableException if the store is not served here or is not a window store
   */
  public List<Found> fetchAll(String store, long fromMs, long toMs, int limit) {
    StoreLayout layout = windowLayout(store);
    List<Found> found = new ArrayList<>();
    for (Part part : parts(store)) {
      try (KeyValueIterator<byte[], byte[]> it = part.stores().range(part.task(), store, layout.dataFrom(),
          layout.dataTo())) {
        while (found.size() < limit && it.hasNext()) {
          Entry<byte[], byte[]> e = it.next();
          byte[] key = layout.userKey(e.getKey());
          long start = key == null ? 0 : layout.windowStart(e.getKey());
          if (key != null && start >= fromMs && start <= toMs) {
            found.add(new Found(part.task(), key, layout.userValue(e.getValue()), start, layout.windowEnd(e.getKey())));
          }
        }
      }
    }
    return found;
  }

  private StoreLayout windowLayout(String store) {
    StoreLayout layout = format(store).layout();
    if (!layout.windowed()) {
      throw new StoreUnavailableException("store '" + store + "' is a key-value store, not a window store");
    }
    return layout;
  }

  private ContainerStores owner(String store, KeyLocation at) {
    ContainerStores owner = containers.get(at.containerId());
    if (owner == null || !owner.has(at.task(), store)) {
      throw new KeyNotLocalException(store, at.task().getTaskName(), at.containerId());
    }
    return owner;
  }

  record Part(ContainerStores stores, TaskName task) { }

  private List<Part> parts(String store) {
    List<Part> parts = new ArrayList<>();
    for (ContainerStores c : containers.values()) {
      for (TaskName t : c.tasks()) {
        if (c.has(t, store)) {
          parts.add(new Part(c, t));
        }
      }
    }
    parts.sort(Comparator.comparing(p -> p.task().getTaskName()));
    return parts;
  }
}
