package io.strand.storage.kv;

import java.util.List;

/**
 * Deletes that reach the task's local engine only, never its changelog: for state whose
 * changelog forgets old records by itself, through time retention ({@code cleanup.policy=compact,delete}),
 * as Kafka Streams' window stores drop whole segments. A stream-stream join's buffer drops a time
 * segment this way instead of sending a tombstone per record.
 *
 * <p>What a restore brings back: every record the changelog still holds, including those
 * deleted here, until retention removes them; the owner of the state must treat such records as
 * expired (the join drops them again at its first watermark).
 *
 * <p>Threading: the task's thread only, as the store.
 *
 * @param <K> the key type
 */
public interface LocalDeletes<K> {

  /**
   * Deletes keys from the cache and the engine without logging: the cache forgets their values
   * and any write of theirs not yet sent down; the engine deletes them. A store that has no path
   * below its changelog deletes them through it instead (a tombstone each): gone either way.
   *
   * @param keys the keys, none null
   * @throws IllegalArgumentException if the list or a key is null
   */
  void deleteLocally(List<K> keys);
}
