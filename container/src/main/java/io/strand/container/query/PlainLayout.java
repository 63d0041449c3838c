package io.strand.container.query;

import io.strand.storage.query.StoreLayout;

/**
 * A low-level task's store: the store key is the serialized user key, every entry is user data,
 * no windows.
 *
 * <p>Threading: stateless.
 */
public final class PlainLayout implements StoreLayout {

  /** Creates the layout. */
  public PlainLayout() {}

  @Override
  public boolean windowed() {
    return false;
  }

  @Override
  public byte[] entryKey(byte[] userKey) {
    return userKey;
  }

  @Override
  public byte[] userKey(byte[] storeKey) {
    return storeKey;
  }

  @Override
  public byte[] dataFrom() {
    return null;
  }

  @Override
  public byte[] dataTo() {
    return null;
  }

  @Override
  public byte[] windowFrom(byte[] userKey, long startMs) {
    throw new UnsupportedOperationException("a key-value store has no windows");
  }

  @Override
  public long windowStart(byte[] storeKey) {
    throw new UnsupportedOperationException("a key-value store has no windows");
  }

  @Override
  public long windowEnd(byte[] storeKey) {
    throw new UnsupportedOperationException("a key-value store has no windows");
  }
}
