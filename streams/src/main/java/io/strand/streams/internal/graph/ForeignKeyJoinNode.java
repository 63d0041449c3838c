package io.strand.streams.internal.graph;

import io.strand.streams.ValueJoiner;
import java.util.function.Function;

/**
 * One of the four parts of a foreign-key table-table join (Kafka Streams' KIP-213 design): the
 * left table's changes become subscriptions ({@link Part#SUBSCRIBE}, to the subscription topic,
 * keyed by the foreign key); the right side keeps them ({@link Part#SUBSCRIPTIONS}, answering
 * each) and answers them again when its row changes ({@link Part#RIGHT_CHANGE}), through the
 * response topic keyed by the left key; the left side joins each answer that is still current
 * ({@link Part#RESPONSE}). In a left join the subscribe part also feeds the response part directly
 * (same task: the response topic is co-partitioned with the left table), answering a row whose
 * foreign key is null, which no subscription can.
 */
public final class ForeignKeyJoinNode extends Node {

  /** Which part. */
  public enum Part {
    /** Left table changes to subscriptions. */
    SUBSCRIBE,
    /** Subscriptions kept and answered, on the right table's task. */
    SUBSCRIPTIONS,
    /** Right table changes answered to every subscription of the key. */
    RIGHT_CHANGE,
    /** Answers joined with the left row they were computed for. */
    RESPONSE
  }

  /**
   * What the parts share.
   *
   * @param name the join's name
   * @param subscriptionStore the right side's store of subscriptions
   * @param foreignKey the right key from a left value
   * @param joiner the user's joiner
   * @param left whether a left row without a match joins with null
   * @param leftTable the left table's store
   * @param rightTable the right table's store
   */
  public record Spec(String name, String subscriptionStore, Function<Object, Object> foreignKey,
      ValueJoiner<Object, Object, Object> joiner, boolean left, TableView.Stored leftTable,
      TableView.Stored rightTable) { }

  private final Part part;
  private final Spec spec;
  private final Node peer;

  ForeignKeyJoinNode(String name, Part part, Spec spec, Node peer) {
    super(name);
    this.part = part;
    this.spec = spec;
    this.peer = peer;
  }

  /** @return which part */
  public Part part() {
    return part;
  }

  /** @return what the parts share */
  public Spec spec() {
    return spec;
  }

  /**
   * @return for {@link Part#SUBSCRIPTIONS} the right table's node, for {@link Part#RESPONSE} the
   *     left table's node (the table its topic must be co-partitioned with); else null
   */
  public Node peer() {
    return peer;
  }
}
