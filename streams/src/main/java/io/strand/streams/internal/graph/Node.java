package io.strand.streams.internal.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One operator of a described graph: a value built by {@code describe}, shared by the tasks of a
 * container, which each build their own runtime operator from it. Children receive what this
 * operator emits; parents feed it (more than one after a merge).
 *
 * <p>Threading: built by the describing thread, read-only afterwards.
 */
public abstract class Node {

  private final String name;
  private final List<Node> children = new ArrayList<>();
  private final List<Node> parents = new ArrayList<>();

  Node(String name) {
    this.name = name;
  }

  /**
   * The operator name: given by the author or generated as {@code <kind>-<position>}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The operators fed by this one.
   *
   * @return the children, in the order added
   */
  public List<Node> children() {
    return Collections.unmodifiableList(children);
  }

  /**
   * The operators feeding this one.
   *
   * @return the parents
   */
  public List<Node> parents() {
    return Collections.unmodifiableList(parents);
  }

  void addChild(Node child) {
    children.add(child);
    child.parents.add(this);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + name + ")";
  }
}
