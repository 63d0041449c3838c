/**
 * The word count sample: {@link io.strand.samples.wordcount.WordCountTask} counts words of lines of
 * text in a changelogged store and sends the counts periodically and at the end of its input.
 */
package io.strand.samples.wordcount;
