package io.strand.streams.internal.runtime;

import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The open sessions of one session-window operator, kept in memory: per key its sessions' window
 * keys (oldest first), and a {@link CloseIndex} by close time. A record then finds the sessions it
 * joins with a hash lookup instead of a range scan of the store (which cost a RocksDB iterator per
 * record, and made the object cache write its dirty entries down first), and a watermark finds the
 * sessions it closes without a close index in the store (a changelog record when a session opened
 * or moved, another when it closed). Rebuilt from the store's session keys when the task starts
 * (after a restore, so from the changelog): the store holds exactly the open sessions, since a
 * session is deleted when it closes.
 *
 * <p>A session that grows or merges gets a new window key; the close index keeps the old one until
 * its (earlier) close time, where the operator finds it deleted from the store and skips it.
 *
 * <p>Memory: per open session of the task, its window key in both indexes. Threading: the task's thread.
 */
final class SessionIndex {

  private final Map<Key, List<byte[]>> byKey = new HashMap<>();
  private final CloseIndex closing = new CloseIndex();

  /**
   * The open sessions of a key.
   *
   * @param userKey the key's bytes
   * @return their window keys, oldest first (empty if none); not to be changed by the caller
   */
  List<byte[]> sessions(byte[] userKey) {
    List<byte[]> sessions = byKey.get(new Key(userKey));
    return sessions == null ? List.of() : sessions;
  }

  /**
   * Replaces the sessions a record merged (none, if it opened a new one) with the merged session.
   *
   * @param userKey the key's bytes
   * @param merged the sessions the new one replaces (from {@link #sessions}), removed
   * @param windowKey the new session's window key
   * @param closeAtMs when the watermark closes it, ms
   */
  void replace(byte[] userKey, List<byte[]> merged, byte[] windowKey, long closeAtMs) {
    Key key = new Key(userKey);
    List<byte[]> sessions = byKey.get(key);
    if (sessions == null) {
      sessions = new ArrayList<>(2);
      byKey.put(key, sessions);
    } else if (!merged.isEmpty()) {
      sessions.removeAll(merged); // identity: the arrays handed out by sessions()
    }
    int at = 0;
    long start = Bytes.startOf(windowKey);
    while (at < sessions.size() && Bytes.startOf(sessions.get(at)) < start) {
      at++;
    }
    sessions.add(at, windowKey);
    closing.add(closeAtMs, windowKey);
  }

  /** @return the earliest close time noted, or {@code Long.MAX_VALUE} when none is */
  long next() {
    return closing.next();
  }

  /**
   * Takes the window keys whose close time is at or before the watermark, earliest first (then in
   * key order), and forgets the sessions among them. Some may be sessions since grown or merged
   * into others: the store no longer holds them.
   *
   * @param watermarkMs the watermark, ms
   * @return the window keys
   */
  List<byte[]> takeClosed(long watermarkMs) {
    List<byte[]> taken = new ArrayList<>();
    for (var due : closing.takeDue(watermarkMs)) {
      byte[] windowKey = due.getValue();
      taken.add(windowKey);
      Key key = new Key(Bytes.userKeyOf(windowKey));
      List<byte[]> sessions = byKey.get(key);
      if (sessions != null) {
        sessions.removeIf(w -> Arrays.equals(w, windowKey));
        if (sessions.isEmpty()) {
          byKey.remove(key);
        }
      }
    }
    return taken;
  }

  /**
   * Rebuilds both indexes from the sessions in the store ({@code 'd'} prefix, in key order, so each
   * key's sessions come oldest first), and deletes the close index entries an earlier version kept
   * in the store ({@code 'c'} prefix).
   *
   * @param store the operator's store
   * @param closeAtOf a window key's close time
   */
  void rebuild(KeyValueStore<byte[], byte[]> store, ToLongFunction<byte[]> closeAtOf) {
    byKey.clear();
    closing.rebuild(store, closeAtOf);
    try (KeyValueIterator<byte[], byte[]> it = store.range(new byte[] {'d'}, new byte[] {'e'})) {
      while (it.hasNext()) {
        byte[] windowKey = it.next().getKey();
        byKey.computeIfAbsent(new Key(Bytes.userKeyOf(windowKey)), k -> new ArrayList<>(2)).add(windowKey);
      }
    }
  }

  /** A key's bytes compared by content. */
  private record Key(byte[] bytes) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return Arrays.toString(bytes);
    }
  }
}
