package io.strand.storage.kv;

/**
 * Puts of new keys whose way down the store defers, and skips for a key deleted locally first:
 * for short-lived state that its owner also holds in memory and answers its own reads from, as a
 * stream-stream join's buffered records (most expire within a second or two of event time).
 *
 * <p>A {@link #putBehind} goes nowhere at once. At the next commit the store sends it to its
 * changelog (every put made before a commit is in the changelog before the commit's checkpoint
 * names it) and, as for its other writes, to its engine (at-least-once; under exactly-once the engine
 * gets it before the next local snapshot). A key that {@link LocalDeletes#deleteLocally} deletes
 * before then costs neither the changelog nor the engine anything: the key was new, so nothing
 * below holds it. Whether that is safe is the owner's call: a restore brings back the state of the
 * last checkpoint, which then lacks such keys, so the owner must be one that would have deleted
 * them by that checkpoint's state anyway (the join drops records its restored watermark has expired).
 *
 * <p>Reads through the store see such a put as any other ({@code get} finds it; a {@code range} or
 * {@code all} that may cover it sends the deferred puts down first). A later ordinary put of the key
 * replaces its deferred put, still deferred; a delete drops it (nothing below has it) or, once the
 * changelog has it (exactly-once), sends it down and then deletes as usual. Queryable state reads the engine,
 * so it sees such a put after the commit that writes it down, as a cached write.
 *
 * <p>The store keeps the deferred puts in memory until a commit: the owner bounds how many are
 * pending. A store without an object cache puts at once.
 *
 * <p>Threading: the task's thread only, as the store.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface WriteBehind<K, V> {

  /**
   * Puts a key the store does not hold: never written, or deleted since (not a key the store may
   * hold below its cache; a key written here and not yet sent down may be put again).
   *
   * @param key the key, not null; the store may keep it without a copy until it goes down, so the
   *     caller must not change it (a {@code byte[]} key) after the call
   * @param value the value, not null
   * @throws IllegalArgumentException if the key or value is null
   */
  void putBehind(K key, V value);

  /**
   * Lets the owner hold its new keys' puts itself until the store needs them: the store runs
   * {@code handOver} at the start of each commit's write ({@code flush}, and the exactly-once
   * commit's write to the changelog) and before a {@code range} that may cover {@code [from, to)}
   * or an {@code all}; {@code handOver} then makes the owner's held puts with {@link #putBehind},
   * and they go down as any deferred put. Until then the store knows nothing of them: its
   * {@code get} does not see them and a local delete of such a key is the owner's to skip. For the
   * stream-stream join, whose buffer holds each record in memory anyway: a record that expires
   * before the next commit costs the store nothing at all, not even a deferred put's index entry.
   *
   * <p>One owner per store: a later call replaces the earlier one.
   *
   * @param from the lowest key the owner holds puts of
   * @param to the key after the highest
   * @param handOver makes the owner's held puts, on the store's (the task's) thread
   * @return true if the store will run {@code handOver}; false if it defers nothing (no object
   *     cache), so the owner must put at once
   */
  default boolean handOverBefore(K from, K to, Runnable handOver) {
    return false;
  }
}
