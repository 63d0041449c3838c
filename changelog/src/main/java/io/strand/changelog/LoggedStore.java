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
 * <p>Threading: as the store, one task thread; the sender it shares is thread-safe.
 */
public final class LoggedStore extends ForwardingBytesStore {

  private final ChangelogSender.Target sender;
  private final TopicPartition partition;
  private final String what;

  /**
   * Wraps an engine.
   *
   * @param engine the (metered) engine below
   * @param sender the container's changelog sender for the changelog's system
   * @param partition the changelog topic and the task's changelog partition
   * @param task the owning task, for messages
   */
  public LoggedStore(BytesStore engine, ChangelogSender sender, TopicPartition partition, TaskName task) {
    super(engine);
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
    delegate.put(key, value);
    sender.send(key, value);
  }

  @Override
  public void putAll(List<Entry<byte[], byte[]>> entries) {
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
    delegate.putAll(entries);
  }

  @Override
  public void delete(byte[] key) {
    delegate.delete(key);
    sender.send(key, null);
  }

  @Override
  public void deleteAll(List<byte[]> keys) {
    delegate.deleteAll(keys);
    for (byte[] key : keys) {
      sender.send(key, null);
    }
  }

  @Override
  public String toString() {
    return "LoggedStore[" + what + " -> " + partition + "]";
  }
}
