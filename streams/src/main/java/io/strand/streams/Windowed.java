package io.strand.streams;

/**
 * The key of a window result: the record key and the window, as Kafka Streams' {@code Windowed}.
 *
 * @param key the record key
 * @param window the window's span in ms
 * @param <K> the key type
 */
public record Windowed<K>(K key, Window window) {

  /**
   * Text as {@code key@start/end}, for logs and simple string outputs.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return key + "@" + window.startMs() + "/" + window.endMs();
  }
}
