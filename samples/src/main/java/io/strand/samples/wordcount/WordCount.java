package io.strand.samples.wordcount;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of the word-count output, keyed by the word.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param word the word, lower case
 * @param count its occurrences so far, in words
 * @param finalRecord whether this is the word's count at the end of the input (JSON field {@code final})
 */
public record WordCount(String word, long count, @JsonProperty("final") boolean finalRecord) {
}
