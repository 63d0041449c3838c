package io.strand.changelog;

import io.strand.container.TaskName;
import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.ForwardingBytesStore;
import io.strand.kv.engine.StoreArguments;
import io.strand.storage.kv.Entry;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * The logged layer: every write to the store also becomes a changelog record on the task's
 * changelog partition, key and value as the store holds them; a delete (or a put of null) becomes
 * a tombstone, so compaction eventually drops the key. It sits between the engine (below) and the
 * serialization and object-cache layers (above), so a cached value is logged once, when the cache
 * writes it down.
 *
 * <p>The engine is written first, so a write the engine rejects (a null key) is never logged.
 * {@link #putAllRaw} is not logged: restore writes through it, below this layer. Under
 * exactly-once the object cache splits a write in two ({@link #logAll} at a commit, into the
 * transaction; {@link #putAllLogged} to the engine later, before a local snapshot, a range scan,
 * an eviction or close), so a commit does not wait for the engine.
 *
 * <p>Engine writes (and {@link #flush}, {@link #close}) first wait while the instance's
 * {@link SnapshotGate} is shut, that is while a local snapshot of the state at a commit's barrier is
 * being taken on the committer's thread; reads and {@link #logAll} never wait.
 *
 * <p>Threading: as the store, one task thread; the sender it shares is thread-safe.
 */
public final class LoggedStore extends ForwardingBytesStore {

  private final ChangelogSender.Target sender;
  private final TopicPartition partition;
  private final String what;
  private final SnapshotGate gate;
  /** Whether {@link #flush} also flushes the engine (syncs RocksDB's write-ahead log). */
  private final boolean flushEngine;

  /**
   * Wraps an engine.
   *
   * @param engine the (metered) engine below
   * @param sender the container's changelog sender for the changelog's system
   * @param partition the changelog topic and the task's changelog partition
   * @param task the owning task, for messages
   */
  public LoggedStore(BytesStore engine, ChangelogSender sender, TopicPartition partition, TaskName task) {
    this(engine, sender, partition, task, new SnapshotGate(), true);
  }

  /**
   * Wraps an engine whose writes wait while a snapshot is pending.
   *
   * @param engine the (metered) engine below
   * @param sender the container's changelog sender for the changelog's system
   * @param partition the changelog topic and the task's changelog partition
   * @param task the owning task, for messages
   * @param gate shut while a snapshot of the engine is pending ({@link LoggedStoreInstance})
   * @param flushEngine false when nothing ever reopens the live engine as it is (an instance with
   *     local snapshots: a restore opens a copy of a snapshot or wipes it, {@code LocalStateOpener}),
   *     so a commit's flush need not sync the engine's write-ahead log (one fsync per store per
   *     commit on the run loop, issue 17); a snapshot flushes the memtable itself
   */
  LoggedStore(BytesStore engine, ChangelogSender sender, TopicPartition partition, TaskName task, SnapshotGate gate,
      boolean flushEngine) {
    super(engine);
    this.gate = Objects.requireNonNull(gate, "gate");
    this.flushEngine = flushEngine;
    Objects.requireNonNull(sender, "sender");
    this.partition = Objects.requireNonNull(partition, "partition");
    this.what = "store '" + engine.name() + "' of task '" + task.name() + "'";
    this.sender = sender.target(partition, what);
  }

  /**
   * The changelog partition this layer writes to.
   *
   * @return topic and partition
   */
  public TopicPartition changelogPartition() {
    return partition;
  }

  @Override
  public void put(byte[] key, byte[] value) {
    gate.awaitOpen();
    delegate.put(key, value);
    sender.send(key, value);
  }

  @Override
  public void putAll(List<Entry<byte[], byte[]>> entries) {
    gate.awaitOpen();
    delegate.putAll(entries);
    for (Entry<byte[], byte[]> entry : entries) {
      sender.send(entry.key(), entry.value());
    }
  }

  /** Sends the batch to the changelog only: the engine gets it later, through {@link #putAllLogged}. */
  @Override
  public void logAll(List<Entry<byte[], byte[]>> entries) {
    StoreArguments.entries(name(), entries, "logAll");
    for (Entry<byte[], byte[]> entry : entries) {
      sender.send(entry.key(), entry.value());
    }
  }

  /** Writes a batch {@link #logAll} already sent to the engine, without sending it again. */
  @Override
  public void putAllLogged(List<Entry<byte[], byte[]>> entries) {
    gate.awaitOpen();
    delegate.putAll(entries);
  }

  @Override
  public void delete(byte[] key) {
    gate.awaitOpen();
    delegate.delete(key);
    sender.send(key, null);
  }

  @Override
  public void deleteAll(List<byte[]> keys) {
    gate.awaitOpen();
    delegate.deleteAll(keys);
    for (byte[] key : keys) {
      sender.send(key, null);
    }
  }

  /**
   * Deletes from the engine without tombstones; waits, as every engine write, while a snapshot is
   * pending (a local delete in that window would take from the snapshot keys it must hold).
   */
  @Override
  public void deleteAllUnlogged(List<byte[]> keys) {
    gate.awaitOpen();
    delegate.deleteAll(keys);
  }

  @Override
  public void flush() {
    gate.awaitOpen();
    if (flushEngine) {
      delegate.flush();
    }
  }

  @Override
  public void close() {
    gate.awaitOpen();
    delegate.close();
  }

  @Override
  public String toString() {
    return "LoggedStore[" + what + " -> " + partition + "]";
  }
}
