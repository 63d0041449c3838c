package io.strand.changelog.restore;

import io.strand.kv.engine.BytesStore;
import io.strand.storage.kv.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects replayed changelog records as the latest value per key (a null value is a tombstone)
 * and writes them to the engine as one {@link BytesStore#putAllRaw} when they reach a size bound,
 * and at the end. A compacted topic's tail, and any changelog of few hot keys, rewrites the same
 * keys over and over: keeping only the last write per key leaves the engine's final state exactly
 * as a record-by-record replay would (last write wins; entries are distinct keys, so their order
 * in a batch does not matter), while the engine sees each key once per batch instead of once per
 * record.
 *
 * <p>The bound counts key and value bytes plus {@value #ENTRY_OVERHEAD_BYTES} bytes of table
 * and array overhead per entry, so a buffer of many tiny records is bounded too.
 *
 * <p>Threading: one restore thread.
 */
public final class RestoreBuffer {

  /** Default bound of a buffer: 16 MiB of keys, values and overhead. */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  /**
   * Heap an entry costs beyond its key and value bytes: array headers, the table's slots and
   * its spare capacity.
   */
  static final int ENTRY_OVERHEAD_BYTES = 96;

  private final BytesStore engine;
  private final long maxBytes;
  private final LatestByKey latest = new LatestByKey();
  private long bytes;
  private long written;

  /**
   * An empty buffer over an engine.
   *
   * @param engine the engine, below the logged layer
   * @param maxBytes the bound that triggers a write-down, bytes; at least 1
   * @throws IllegalArgumentException if {@code maxBytes} is below 1
   */
  public RestoreBuffer(BytesStore engine, long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("restore buffer bound must be at least 1 byte, got " + maxBytes);
    }
    this.engine = engine;
    this.maxBytes = maxBytes;
  }

  /**
   * Records a changelog record's write; writes the buffer down if it is now full.
   *
   * @param key the record's key, not null; kept, not copied (the consumer hands out fresh arrays)
   * @param value the record's value, or null for a tombstone
   * @throws io.strand.kv.engine.StoreException if a write-down fails
   */
  public void put(byte[] key, byte[] value) {
    int previousLength = latest.put(key, value);
    if (previousLength == LatestByKey.ABSENT) {
      bytes += key.length + ENTRY_OVERHEAD_BYTES;
    } else {
      bytes -= previousLength;
    }
    bytes += value == null ? 0 : value.length;
    if (bytes >= maxBytes) {
      flush();
    }
  }

  /**
   * Writes every buffered key to the engine as one batch, then empties the buffer.
   *
   * @throws io.strand.kv.engine.StoreException if the engine fails; the buffer is then left as it was
   */
  public void flush() {
    if (latest.size() == 0) {
      return;
    }
    List<Entry<byte[], byte[]>> batch = new ArrayList<>(latest.size());
    latest.forEach((key, value) -> batch.add(new Entry<>(key, value)));
    engine.putAllRaw(batch);
    written += batch.size();
    latest.clear();
    bytes = 0;
  }

  /**
   * Distinct keys written to the engine so far (a key counts once per write-down).
   *
   * @return entries written, in records
   */
  public long written() {
    return written;
  }
}
