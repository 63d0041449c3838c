package io.strand.nexmark.strand;

import io.strand.nexmark.query.results.HotItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Q5's per-window aggregate: the highest bid count seen and every auction with it.
 *
 * @param num the highest count
 * @param items the auctions with that count
 */
public record HotItems(long num, List<HotItem> items) {

  /** No auction yet. */
  static final HotItems NONE = new HotItems(-1, List.of());

  /**
   * This aggregate with another's leaders merged in.
   *
   * @param other another aggregate
   * @return the leaders of both
   */
  HotItems merge(HotItems other) {
    if (other.num > num) {
      return other;
    }
    if (other.num < num) {
      return this;
    }
    List<HotItem> all = new ArrayList<>(items);
    all.addAll(other.items);
    return new HotItems(num, all);
  }
}
