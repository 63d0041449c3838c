package io.strand.streams.internal.runtime;

import io.strand.storage.query.StoreLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * How queryable state ({@code io.strand.container.query}) reads the aggregation stores (the
 * stream-stream join buffers: {@link JoinBufferLayout}), whose
 * layout {@link Bytes} defines: user data under {@code 'd'}, the close index under {@code 'c'} and
 * the operator's signature under {@code 'm'} (both skipped). The planner names these classes in
 * {@code stores.<s>.query.layout}.
 */
public final class AggregateLayouts {

  private static final byte[] DATA_FROM = {'d'};
  private static final byte[] DATA_TO = {'e'};

  private AggregateLayouts() {}

  /** count / reduce / aggregate per key: {@code ['d'][len][key]} holds the aggregate. */
  public static final class PerKey implements StoreLayout {

    /** Creates the layout. */
    public PerKey() {}

    @Override
    public boolean windowed() {
      return false;
    }

    @Override
    public byte[] entryKey(byte[] userKey) {
      return Bytes.keyed((byte) 'd', userKey, 0);
    }

    @Override
    public byte[] userKey(byte[] storeKey) {
      return storeKey.length >= 5 && storeKey[0] == 'd' ? Bytes.userKeyOf(storeKey) : null;
    }

    @Override
    public byte[] dataFrom() {
      return DATA_FROM.clone();
    }

    @Override
    public byte[] dataTo() {
      return DATA_TO.clone();
    }

    @Override
    public byte[] windowFrom(byte[] userKey, long startMs) {
      throw new UnsupportedOperationException("a per-key aggregation has no windows");
    }

    @Override
    public long windowStart(byte[] storeKey) {
      throw new UnsupportedOperationException("a per-key aggregation has no windows");
    }

    @Override
    public long windowEnd(byte[] storeKey) {
      throw new UnsupportedOperationException("a per-key aggregation has no windows");
    }
  }

  /**
   * Count windows: {@code ['d'][len][key]} holds the key's open window as
   * {@code [count, 8][first time, 8][last time, 8][aggregate]} (a window is emitted and deleted when
   * its count reaches the size), so a query reads it per key: the aggregate of the records of the
   * key's window so far, or nothing right after a window closed. Its count and times are skipped.
   */
  public static final class CountWindow implements StoreLayout {

    private final PerKey keys = new PerKey();

    /** Creates the layout. */
    public CountWindow() {}

    @Override
    public boolean windowed() {
      return false;
    }

    @Override
    public byte[] entryKey(byte[] userKey) {
      return keys.entryKey(userKey);
    }

    @Override
    public byte[] userKey(byte[] storeKey) {
      return keys.userKey(storeKey);
    }

    @Override
    public byte[] dataFrom() {
      return DATA_FROM.clone();
    }

    @Override
    public byte[] dataTo() {
      return DATA_TO.clone();
    }

    @Override
    public byte[] userValue(byte[] storeValue) {
      return Arrays.copyOfRange(storeValue, CountWindowOp.HEADER, storeValue.length);
    }

    @Override
    public byte[] windowFrom(byte[] userKey, long startMs) {
      throw new UnsupportedOperationException("a count window store is read per key");
    }

    @Override
    public long windowStart(byte[] storeKey) {
      throw new UnsupportedOperationException("a count window store is read per key");
    }

    @Override
    public long windowEnd(byte[] storeKey) {
      throw new UnsupportedOperationException("a count window store is read per key");
    }
  }

  /**
   * Time and session windows: {@code ['d'][len][key][start][end]} holds a window's aggregate (times
   * sortable big-endian), so one key's windows are contiguous and ordered by start.
   */
  public static final class Windowed implements StoreLayout {

    /** Creates the layout. */
    public Windowed() {}

    @Override
    public boolean windowed() {
      return true;
    }

    @Override
    public byte[] entryKey(byte[] userKey) {
      throw new UnsupportedOperationException("a window store is fetched by key and time range");
    }

    @Override
    public byte[] userKey(byte[] storeKey) {
      return storeKey.length >= 21 && storeKey[0] == 'd' ? Bytes.userKeyOf(storeKey) : null;
    }

    @Override
    public byte[] dataFrom() {
      return DATA_FROM.clone();
    }

    @Override
    public byte[] dataTo() {
      return DATA_TO.clone();
    }

    @Override
    public byte[] windowFrom(byte[] userKey, long startMs) {
      ByteBuffer b = ByteBuffer.wrap(Bytes.keyed((byte) 'd', userKey, 8));
      b.position(5 + userKey.length);
      b.putLong(Bytes.sortable(startMs));
      return b.array();
    }

    @Override
    public long windowStart(byte[] storeKey) {
      return Bytes.startOf(storeKey);
    }

    @Override
    public long windowEnd(byte[] storeKey) {
      return Bytes.endOf(storeKey);
    }
  }
}
