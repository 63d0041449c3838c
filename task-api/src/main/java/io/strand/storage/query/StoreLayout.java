package io.strand.storage.query;

/**
 * How a store lays out its keys, so queries can find a user key's entries and skip the store's
 * own bookkeeping: a service interface that the container's queryable state reads and that
 * store-owning frameworks implement (named in {@code stores.<s>.query.layout}). The default, the
 * container's {@code PlainLayout}, is a low-level task's store: the store key is
 * the serialized user key. The streams API names its own ({@code stores.<s>.query.layout}) for
 * aggregation stores and stream-stream join buffers, whose keys carry a prefix, window bounds or
 * record times and internal index entries, and whose values may carry bookkeeping
 * ({@link #userValue}).
 *
 * <p>All keys here are serialized; the user key is what the store's query key serde
 * ({@code stores.<s>.query.key.serde}, else {@code stores.<s>.key.serde}) writes.
 *
 * <p>Threading: implementations are immutable and thread-safe; they need a public no-argument
 * constructor.
 */
public interface StoreLayout {

  /**
   * Whether the store holds windows ({@link #windowFrom} etc. apply) rather than one value per key.
   *
   * @return true for a window store
   */
  boolean windowed();

  /**
   * The store key of a user key's value (key-value layouts).
   *
   * @param userKey the serialized user key
   * @return the store key
   */
  byte[] entryKey(byte[] userKey);

  /**
   * The user key of a store key.
   *
   * @param storeKey a key read from the store
   * @return the serialized user key, or null if the entry is the store's bookkeeping, not user data
   */
  byte[] userKey(byte[] storeKey);

  /**
   * The first store key that can hold user data.
   *
   * @return the lower bound, inclusive, or null for the start of the store
   */
  byte[] dataFrom();

  /**
   * The store key after every key that can hold user data.
   *
   * @return the upper bound, exclusive, or null for the end of the store
   */
  byte[] dataTo();

  /**
   * The first store key of a user key's windows starting at or after {@code startMs} (window layouts).
   *
   * @param userKey the serialized user key
   * @param startMs the window start, epoch ms
   * @return the lower bound, inclusive
   * @throws UnsupportedOperationException for a key-value layout
   */
  byte[] windowFrom(byte[] userKey, long startMs);

  /**
   * The window start of a store key (window layouts).
   *
   * @param storeKey a window's store key
   * @return the start, epoch ms
   * @throws UnsupportedOperationException for a key-value layout
   */
  long windowStart(byte[] storeKey);

  /**
   * The window end of a store key (window layouts).
   *
   * @param storeKey a window's store key
   * @return the end, epoch ms, exclusive
   * @throws UnsupportedOperationException for a key-value layout
   */
  long windowEnd(byte[] storeKey);

  /**
   * The serialized user value of a stored value: the value itself unless the store keeps its own
   * bookkeeping in it (a streams API count window's count and times, a join buffer's flags).
   *
   * @param storeValue a value read from the store at a user-data key
   * @return the serialized user value, as the store's query value serde reads it
   */
  default byte[] userValue(byte[] storeValue) {
    return storeValue;
  }
}
