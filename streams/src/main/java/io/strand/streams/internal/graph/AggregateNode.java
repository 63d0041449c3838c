package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;
import io.strand.streams.CountWindows;
import io.strand.streams.SessionWindows;
import io.strand.streams.TimeWindows;

/**
 * An aggregation into a changelogged store named {@link #store()}: per key ({@link Kind#KEY}), per
 * key and event-time window, per key and session, or per key and count window. The aggregate
 * functions are untyped here; the public API typed them.
 */
public final class AggregateNode extends Node {

  /** What the aggregation groups by. */
  public enum Kind {
    /** Per key, emitting every update. */
    KEY,
    /** Per key and tumbling or hopping event-time window, final results or early firings. */
    TIME,
    /** Per key and session, final results or early firings. */
    SESSION,
    /** Per key and count window, emitted when full. */
    COUNT
  }

  /** The first aggregate. */
  @FunctionalInterface
  public interface Init {
    /** @return a new aggregate */
    Object apply();
  }

  /** Adds a record to an aggregate. */
  @FunctionalInterface
  public interface Add {
    /**
     * @param key the key
     * @param value the value
     * @param aggregate the aggregate so far
     * @return the new aggregate
     */
    Object apply(Object key, Object value, Object aggregate);
  }

  /** Merges two sessions' aggregates. */
  @FunctionalInterface
  public interface Merge {
    /**
     * @param key the key
     * @param left the earlier aggregate
     * @param right the later aggregate
     * @return the merged aggregate
     */
    Object apply(Object key, Object left, Object right);
  }

  private final Kind kind;
  private final String function;
  private final Serde<?> keySerde;
  private final Serde<?> valueSerde;
  private final Init init;
  private final Add add;
  private final Merge merge;
  private final Object windows;
  private final WindowSpec spec;

  AggregateNode(String name, Kind kind, String function, Serde<?> keySerde, Serde<?> valueSerde, Init init, Add add,
      Merge merge, WindowSpec spec) {
    super(name);
    this.kind = kind;
    this.function = function;
    this.keySerde = keySerde;
    this.valueSerde = valueSerde;
    this.init = init;
    this.add = add;
    this.merge = merge;
    this.spec = spec;
    this.windows = spec == null ? null : spec.windows();
  }

  /** @return what it groups by */
  public Kind kind() {
    return kind;
  }

  /** @return the aggregation's function name ({@code count}, {@code reduce}, {@code aggregate}), for compatibility checks */
  public String function() {
    return function;
  }

  /** @return the store name, the operator's name */
  public String store() {
    return name();
  }

  /** @return the keys' serde, or null for the system's */
  public Serde<?> keySerde() {
    return keySerde;
  }

  /** @return the aggregates' serde, or null for the system's message serde */
  public Serde<?> valueSerde() {
    return valueSerde;
  }

  /** @return the first aggregate of a key or window */
  public Init init() {
    return init;
  }

  /** @return adds a record */
  public Add add() {
    return add;
  }

  /** @return merges two aggregates (sessions; time-window counts kept as panes), or null */
  public Merge merge() {
    return merge;
  }

  /** @return the tumbling or hopping windows, or null */
  public TimeWindows timeWindows() {
    return windows instanceof TimeWindows w ? w : null;
  }

  /** @return the session windows, or null */
  public SessionWindows sessionWindows() {
    return windows instanceof SessionWindows w ? w : null;
  }

  /** @return the count windows, or null */
  public CountWindows countWindows() {
    return windows instanceof CountWindows w ? w : null;
  }

  /** @return when windows emit (final only on close unless early firings were set) */
  public io.strand.streams.EmitStrategy emitStrategy() {
    return spec == null ? io.strand.streams.EmitStrategy.onWindowClose() : spec.emit();
  }

  /** @return the side output of late records, or null when none was asked for */
  public Node lateOutput() {
    return spec == null ? null : spec.lateOutput();
  }

  /**
   * What the store's contents mean, written into the store so a changed graph is noticed:
   * kind, function, windows and serde classes.
   *
   * @param keySerdeClass the resolved key serde's class
   * @param valueSerdeClass the resolved value serde's class
   * @return a one-line description
   */
  public String signature(String keySerdeClass, String valueSerdeClass) {
    return "v1 " + kind + " " + function + (windows == null ? "" : " " + windows)
        + (emitStrategy().early() ? " " + emitStrategy() : "") + " key=" + keySerdeClass
        + " value=" + valueSerdeClass;
  }
}
