package io.strand.streams.internal.runtime;

import io.strand.storage.query.StoreLayout;
import java.util.Arrays;

/**
 * How queryable state ({@code io.strand.container.query}) reads a join buffer: as a window store
 * whose windows are the buffered records of a key, each {@code [t, t + 1)} at its event time
 * {@code t} holding the record's value (several records of one key and time are several windows
 * with that start, in arrival order). A fetch thus shows which records of one side still wait
 * for the other side's within the join window and grace; expired records are gone once their time
 * segment has expired as a whole (up to one segment, half the look-ahead plus grace and at least a
 * second, after their own window closed; see {@link JoinSegments}). Queries read the engine: a
 * record shows there from the commit after it was buffered (its deferred put goes down then, see
 * {@link JoinBuffer}), and one that expires before that commit never shows. The indexes, the signature,
 * the sequence reserve, the layout version and the match flag are skipped. The planner names this class in
 * {@code stores.<s>.query.layout}; the buffer's layout is {@link StreamJoinOp}'s.
 *
 * <p>Threading: immutable.
 */
public final class JoinBufferLayout implements StoreLayout {

  private final AggregateLayouts.Windowed windows = new AggregateLayouts.Windowed();

  /** Creates the layout. */
  public JoinBufferLayout() {}

  @Override
  public boolean windowed() {
    return true;
  }

  @Override
  public byte[] entryKey(byte[] userKey) {
    throw new UnsupportedOperationException("a join buffer is fetched by key and time range");
  }

  @Override
  public byte[] userKey(byte[] storeKey) {
    return windows.userKey(storeKey); // the same ['d'][len][key][8][8] shape as a window's key
  }

  @Override
  public byte[] dataFrom() {
    return windows.dataFrom();
  }

  @Override
  public byte[] dataTo() {
    return windows.dataTo();
  }

  @Override
  public byte[] windowFrom(byte[] userKey, long startMs) {
    return windows.windowFrom(userKey, startMs); // a prefix of the record keys at startMs
  }

  @Override
  public long windowStart(byte[] storeKey) {
    return StreamJoinOp.timeOf(storeKey);
  }

  @Override
  public long windowEnd(byte[] storeKey) {
    return StreamJoinOp.plus(StreamJoinOp.timeOf(storeKey), 1);
  }

  @Override
  public byte[] userValue(byte[] storeValue) {
    return Arrays.copyOfRange(storeValue, 1, storeValue.length);
  }
}
