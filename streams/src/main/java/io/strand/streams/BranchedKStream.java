package io.strand.streams;

import java.util.Map;

/**
 * Branches of a {@link KStream#split()}: each record goes to the first branch whose predicate
 * holds, or to the default branch, or nowhere.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface BranchedKStream<K, V> {

  /**
   * Adds a branch.
   *
   * @param name the branch name, the key of the result map
   * @param predicate the test
   * @return this builder
   * @throws IllegalArgumentException if the name is taken
   */
  BranchedKStream<K, V> branch(String name, Predicate<? super K, ? super V> predicate);

  /**
   * Ends the split with a default branch for the records no predicate took.
   *
   * @param name the default branch's name
   * @return branch name to stream, in the order added
   */
  Map<String, KStream<K, V>> defaultBranch(String name);

  /**
   * Ends the split; records no predicate took are dropped.
   *
   * @return branch name to stream, in the order added
   */
  Map<String, KStream<K, V>> noDefaultBranch();
}
