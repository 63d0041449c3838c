package io.strand.samples.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {

  @Test
  void splitsOnAnythingButLettersAndDigitsAndLowerCases() {
    assertEquals(List.of("chicago", "o'hare", "international", "2001"),
        Words.of("Chicago O'Hare  International, 2001!"));
  }

  @Test
  void anApostropheAtTheEdgeOfAWordIsPunctuation() {
    assertEquals(List.of("pilots", "rock"), Words.of("'pilots' rock'"));
  }

  @Test
  void blankAndNullHaveNoWords() {
    assertEquals(List.of(), Words.of("  ,;  "));
    assertEquals(List.of(), Words.of(null));
  }
}
