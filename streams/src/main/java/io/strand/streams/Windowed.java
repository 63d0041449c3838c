package io.strand.streams;

/**
 * The key of a window result: the record key and the window, as Kafka Streams' {@code Windowed},
 * and which firing of the window the result is ({@link Firing}; always {@link Firing#ON_TIME}
 * unless the windows have {@link EmitStrategy#withEarlyFirings early firings}).
 *
 * @param key the record key
 * @param window the window's span in ms
 * @param firing which firing of the window
 * @param <K> the key type
 */
public record Windowed<K>(K key, Window window, Firing firing) {

  /**
   * An on-time result (final-only windows).
   *
   * @param key the record key
   * @param window the window's span in ms
   */
  public Windowed(K key, Window window) {
    this(key, window, Firing.ON_TIME);
  }

  /**
   * Text as {@code key@start/end}, for logs and simple string outputs (without the firing).
   *
   * @return the text
   */
  @Override
  public String toString() {
    return key + "@" + window.startMs() + "/" + window.endMs();
  }
}
