package io.strand.kv.engine;

import java.nio.file.Path;

/**
 * A store's files on disk are damaged (RocksDB reported {@code Corruption}: a garbled
 * {@code CURRENT} or {@code MANIFEST}, a bad SST checksum). Thrown by opening the store, or by a
 * read that meets the damage. The changelog module catches it to wipe {@link #dir()} and restore
 * the store from its changelog; a store without a changelog cannot be recovered and fails the
 * container. It is never thrown for a store that is merely locked or unreadable for permissions,
 * which wiping would not fix.
 *
 * <p>Threading: immutable once thrown.
 */
public final class StoreCorruptedException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The store name. */
  private final String storeName;
  /** The store's directory; not serialized state anyone reads after a hand-off. */
  private final transient Path dir;

  /**
   * Creates one.
   *
   * @param storeName the store name
   * @param dir the damaged store's directory
   * @param detail what the engine said
   * @param cause the engine's exception
   */
  public StoreCorruptedException(String storeName, Path dir, String detail, Throwable cause) {
    super("store '" + storeName + "' in " + dir + " is corrupted: " + detail
        + "; wipe the directory and restore it from its changelog", cause);
    this.storeName = storeName;
    this.dir = dir;
  }

  /**
   * The store's name.
   *
   * @return the name
   */
  public String storeName() {
    return storeName;
  }

  /**
   * The directory holding the damaged files, to wipe before restoring.
   *
   * @return the store directory
   */
  public Path dir() {
    return dir;
  }
}
