package io.strand.changelog.restore;

import io.strand.kv.engine.BytesStore;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Writes a restored engine's values back through the logged layer, so the changelog's latest record
 * per key equals the engine's state again.
 *
 * <p>Transactional state ({@link #trim}): after a store is restored up to its checkpointed
 * changelog offset, every key written after that offset (by a container that crashed before its
 * next checkpoint) is written back to its checkpointed value, which is the value the restored
 * engine holds, or a tombstone when it holds none. The writes go through the logged layer, so they
 * reach the engine and the changelog: the changelog's latest record per key then again equals the
 * checkpointed state, and a later full restore (or a restore to a later checkpoint) ends right too.
 *
 * <p>The values are read from the restored engine, not reconstructed from the trimmed records, so
 * a key that was deleted, re-put or written many times after the checkpoint ends at its
 * checkpointed value, an untouched key is not written at all, and a key created after the
 * checkpoint is deleted.
 *
 * <p>Re-seeding ({@link #reseed}): after the changelog lost its records (deleted or recreated) and
 * the store was opened from its local snapshot, every key is written to the changelog again.
 *
 * <p>Threading: the restore thread that restored the engine.
 */
public final class Trimmer {

  /** Keys written back per batch, in records. */
  static final int BATCH = 1_000;

  private Trimmer() {}

  /**
   * Writes every key back to its checkpointed value.
   *
   * @param keys the keys of changelog records after the checkpointed offset
   * @param engine the restored engine, to read checkpointed values from
   * @param logged the logged layer over it, to write through
   * @return the keys written back, in records
   */
  public static long trim(Set<ByteBuffer> keys, BytesStore engine, BytesStore logged) {
    Iterator<ByteBuffer> it = keys.iterator();
    return writeThrough(new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Entry<byte[], byte[]> next() {
        ByteBuffer key = it.next();
        byte[] k = new byte[key.remaining()];
        key.duplicate().get(k);
        return new Entry<>(k, engine.get(k));
      }
    }, logged);
  }

  /**
   * Writes every key of the engine, with its value, through the logged layer: after the changelog
   * lost its records, the store's state (opened from a local snapshot) is in the changelog again.
   *
   * @param engine the engine, to read every entry from
   * @param logged the logged layer over it, to write through
   * @return the keys written, in records
   */
  public static long reseed(BytesStore engine, BytesStore logged) {
    try (KeyValueIterator<byte[], byte[]> all = engine.all()) {
      return writeThrough(all, logged);
    }
  }

  private static long writeThrough(Iterator<Entry<byte[], byte[]>> entries, BytesStore logged) {
    List<Entry<byte[], byte[]>> batch = new ArrayList<>(BATCH);
    long written = 0;
    while (entries.hasNext()) {
      batch.add(entries.next());
      if (batch.size() == BATCH) {
        logged.putAll(batch);
        written += batch.size();
        batch = new ArrayList<>(BATCH);
      }
    }
    if (!batch.isEmpty()) {
      logged.putAll(batch);
      written += batch.size();
    }
    return written;
  }
}
