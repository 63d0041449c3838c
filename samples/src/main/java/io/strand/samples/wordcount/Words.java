package io.strand.samples.wordcount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into words: maximal runs of letters or digits (apostrophes inside a word are kept,
 * so {@code O'Hare} is one word), lower-cased.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class Words {

  private Words() {
  }

  /**
   * The words of a line, in order, repeats included.
   *
   * @param line the text, may be null
   * @return the words; empty for null or blank text
   */
  public static List<String> of(String line) {
    List<String> words = new ArrayList<>();
    if (line == null) {
      return words;
    }
    int start = -1;
    for (int i = 0; i <= line.length(); i++) {
      boolean inWord = i < line.length() && isWordChar(line, i, start >= 0);
      if (inWord && start < 0) {
        start = i;
      } else if (!inWord && start >= 0) {
        words.add(line.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
    }
    return words;
  }

  private static boolean isWordChar(String line, int i, boolean inWord) {
    char c = line.charAt(i);
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    // An apostrophe joins two word characters; at an edge it is punctuation.
    return c == '\'' && inWord && i + 1 < line.length() && Character.isLetterOrDigit(line.charAt(i + 1));
  }
}
