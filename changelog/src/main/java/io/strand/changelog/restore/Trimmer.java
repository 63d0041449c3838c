package io.strand.changelog.restore;

import io.strand.kv.engine.BytesStore;
import io.strand.storage.kv.Entry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Transactional state: after a store is restored up to its checkpointed changelog offset, every
 * key written after that offset (by a container that crashed before its next checkpoint) is
 * written back to its checkpointed value, which is the value the restored engine holds, or a
 * tombstone when it holds none. The writes go through the logged layer, so they reach the engine
 * and the changelog: the changelog's latest record per key then again equals the checkpointed
 * state, and a later full restore (or a restore to a later checkpoint) ends right too.
 *
 * <p>The values are read from the restored engine, not reconstructed from the trimmed records, so
 * a key that was deleted, re-put or written many times after the checkpoint ends at its
 * checkpointed value, an untouched key is not written at all, and a key created after the
 * checkpoint is deleted.
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
    List<Entry<byte[], byte[]>> batch = new ArrayList<>(Math.min(BATCH, keys.size()));
    long written = 0;
    for (ByteBuffer key : keys) {
      byte[] k = new byte[key.remaining()];
      key.duplicate().get(k);
      batch.add(new Entry<>(k, engine.get(k)));
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
