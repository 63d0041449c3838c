package io.strand.kv.engine;

/**
 * An engine failed: an I/O error, a native error from RocksDB, a store used after close. The
 * message names the store and task and what was being done. Unchecked, as a task cannot recover
 * from it: the container fails and, on restart, the store is reopened or restored.
 *
 * <p>Threading: immutable once thrown.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what failed, naming the store
   * @param cause the engine's exception, or null
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
