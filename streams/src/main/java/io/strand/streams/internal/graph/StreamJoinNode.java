package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;
import io.strand.streams.JoinWindows;

/**
 * One side of a windowed stream-stream join: the node its input feeds. A join has two, named
 * {@code <join>-this} and {@code <join>-other}, each buffering its own side's records in its own
 * store and looking up the other side's store; both feed the join's output node. The windows are
 * seen from this side: a record at {@code t} meets the other side's records in
 * {@code [t - lookBackMs, t + lookAheadMs]} and is buffered until the watermark passes
 * {@code t + lookAheadMs + graceMs}.
 */
public final class StreamJoinNode extends Node {

  /** Which records are emitted without a match. */
  public enum Kind {
    /** Only pairs. */
    INNER,
    /** Pairs, and this stream's records that met none. */
    LEFT,
    /** Pairs, and either stream's records that met none. */
    OUTER
  }

  /** The author's joiner, untyped: always (this stream's value, the other stream's value). */
  @FunctionalInterface
  public interface Joiner {
    /**
     * @param thisValue this stream's value, or null
     * @param otherValue the other stream's value, or null
     * @return the joined value
     */
    Object apply(Object thisValue, Object otherValue);
  }

  private final String join;
  private final boolean thisSide;
  private final Kind kind;
  private final JoinWindows windows;
  private final String ownStore;
  private final String otherStore;
  private final Serde<?> keySerde;
  private final Serde<?> ownValueSerde;
  private final Serde<?> otherValueSerde;
  private final Joiner joiner;
  private final String lateName;
  private TransformNode lateOutput;

  StreamJoinNode(String name, String join, boolean thisSide, Kind kind, JoinWindows windows, String ownStore,
      String otherStore, Serde<?> keySerde, Serde<?> ownValueSerde, Serde<?> otherValueSerde, Joiner joiner,
      String lateName) {
    super(name);
    this.join = join;
    this.thisSide = thisSide;
    this.kind = kind;
    this.windows = windows;
    this.ownStore = ownStore;
    this.otherStore = otherStore;
    this.keySerde = keySerde;
    this.ownValueSerde = ownValueSerde;
    this.otherValueSerde = otherValueSerde;
    this.joiner = joiner;
    this.lateName = lateName;
  }

  /** @return the join's name */
  public String join() {
    return join;
  }

  /** @return whether this is the side of the stream {@code join} was called on */
  public boolean thisSide() {
    return thisSide;
  }

  /** @return inner, left or outer */
  public Kind kind() {
    return kind;
  }

  /** @return the windows, as given (seen from the stream {@code join} was called on) */
  public JoinWindows windows() {
    return windows;
  }

  /** @return how far before a record of this side the other side's may be, ms */
  public long lookBackMs() {
    return thisSide ? windows.beforeMs() : windows.afterMs();
  }

  /** @return how far after a record of this side the other side's may be, ms */
  public long lookAheadMs() {
    return thisSide ? windows.afterMs() : windows.beforeMs();
  }

  /** @return whether this side's records that met none are emitted */
  public boolean emitsUnmatched() {
    return thisSide ? kind != Kind.INNER : kind == Kind.OUTER;
  }

  /** @return whether the other side's records that met none are emitted (so a match must be noted) */
  public boolean otherEmitsUnmatched() {
    return thisSide ? kind == Kind.OUTER : kind != Kind.INNER;
  }

  /** @return this side's buffer */
  public String ownStore() {
    return ownStore;
  }

  /** @return the other side's buffer */
  public String otherStore() {
    return otherStore;
  }

  /** @return the keys' serde, or null for the system's */
  public Serde<?> keySerde() {
    return keySerde;
  }

  /** @return this side's values' serde, or null for the system's */
  public Serde<?> ownValueSerde() {
    return ownValueSerde;
  }

  /** @return the other side's values' serde, or null for the system's */
  public Serde<?> otherValueSerde() {
    return otherValueSerde;
  }

  /** @return the joiner */
  public Joiner joiner() {
    return joiner;
  }

  /** @return this side's late side output, or null when none was asked for */
  public Node lateOutput() {
    return lateOutput;
  }

  TransformNode lateOutputCreated() {
    if (lateOutput == null) {
      lateOutput = new TransformNode(lateName, (k, v, out) -> out.emit(k, v));
    }
    return lateOutput;
  }

  /**
   * What the buffer's contents mean, written into the store so a changed graph is noticed.
   *
   * @param keySerdeClass the resolved key serde's class
   * @param valueSerdeClass the resolved value serde's class
   * @return a one-line description
   */
  public String signature(String keySerdeClass, String valueSerdeClass) {
    return "v1 stream-join " + (thisSide ? "this" : "other") + " " + kind + " " + windows + " key=" + keySerdeClass
        + " value=" + valueSerdeClass;
  }
}
