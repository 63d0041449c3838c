package io.strand.kv.rocksdb;

import io.strand.kv.engine.StoreCorruptedException;
import io.strand.kv.engine.StoreException;
import java.nio.file.Path;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Turns RocksDB's checked exceptions into Strand's unchecked ones, keeping corruption apart: only
 * a {@code Corruption} status becomes a {@link StoreCorruptedException} (which the changelog layer
 * answers by wiping and restoring); everything else, a held lock or a full disk included, is a
 * plain {@link StoreException}, as wiping would not fix it.
 *
 * <p>Threading: stateless.
 */
final class RocksDbFailures {

  private RocksDbFailures() {}

  static StoreException translate(String store, String task, Path dir, String doing, RocksDBException e) {
    Status status = e.getStatus();
    String detail = status != null && status.getState() != null ? status.getState() : e.getMessage();
    if (status != null && status.getCode() == Status.Code.Corruption) {
      return new StoreCorruptedException(store, dir, doing + ": " + detail, e);
    }
    String code = status == null ? "" : status.getCode() + ": ";
    return new StoreException("RocksDB store '" + store + "' of task '" + task + "' in " + dir
        + " failed to " + doing + ": " + code + detail, e);
  }
}
