package io.strand.container.query;

import io.strand.container.TaskName;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.query.StoreLayout;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The user entries of several tasks' stores, one task after another: each task's range is opened
 * when the previous one is exhausted (so at most one is open), entries the layout calls
 * bookkeeping are skipped and values are stripped of the layout's own bookkeeping.
 *
 * <p>Threading: one reader at a time.
 */
final class TaskIterator implements KeyValueIterator<TaskName, Entry<byte[], byte[]>> {

  private final List<JobStores.Part> parts;
  private final Function<JobStores.Part, KeyValueIterator<byte[], byte[]>> open;
  private final StoreLayout layout;
  private int index = -1;
  private KeyValueIterator<byte[], byte[]> current;
  private Entry<TaskName, Entry<byte[], byte[]>> next;
  private boolean closed;

  TaskIterator(List<JobStores.Part> parts, Function<JobStores.Part, KeyValueIterator<byte[], byte[]>> open,
      StoreLayout layout) {
    this.parts = parts;
    this.open = open;
    this.layout = layout;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !closed) {
      if (current != null && current.hasNext()) {
        Entry<byte[], byte[]> e = current.next();
        byte[] key = layout.userKey(e.getKey());
        if (key != null) {
          next = new Entry<>(parts.get(index).task(), new Entry<>(key, layout.userValue(e.getValue())));
        }
      } else {
        if (current != null) {
          current.close();
          current = null;
        }
        if (++index >= parts.size()) {
          return false;
        }
        current = open.apply(parts.get(index));
      }
    }
    return next != null;
  }

  @Override
  public Entry<TaskName, Entry<byte[], byte[]>> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry<TaskName, Entry<byte[], byte[]>> e = next;
    next = null;
    return e;
  }

  @Override
  public void close() {
    closed = true;
    next = null;
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
