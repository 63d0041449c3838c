package io.strand.streams.internal.graph;

import io.strand.serializers.Serde;
import java.util.Set;

/**
 * Serdes an operator inherits from upstream when the author gave none, as Kafka Streams carries
 * the {@code Consumed} serdes down a stream: a {@code filter}, {@code peek}, branch or
 * {@code merge} keeps both key and value types, so their serdes; {@code mapValues} and
 * {@code flatMapValues} keep the key's; {@code selectKey} keeps the value's; {@code map},
 * {@code flatMap} and {@code process} keep neither. A merge keeps a serde only if every input has
 * the same one. A repartition and a grouping without their own serdes take these before the
 * system's ({@code samza.key.serde} / {@code samza.msg.serde}).
 *
 * <p>Threading: read-only over a graph being described.
 */
final class SerdeInheritance {

  private static final Set<String> KEEP_BOTH = Set.of("filter", "peek", "branch", "merge");
  private static final Set<String> KEEP_KEY = Set.of("mapvalues", "flatmapvalues");
  private static final Set<String> KEEP_VALUE = Set.of("selectkey");

  private SerdeInheritance() {
  }

  /** @return whether an operator of this kind keeps the key type */
  static boolean keepsKey(String kind) {
    return KEEP_BOTH.contains(kind) || KEEP_KEY.contains(kind);
  }

  /** @return whether an operator of this kind keeps the value type */
  static boolean keepsValue(String kind) {
    return KEEP_BOTH.contains(kind) || KEEP_VALUE.contains(kind);
  }

  /**
   * The key serde of what a node emits, as far as the graph knows.
   *
   * @param node the node
   * @return the serde, or null when none was given upstream (the system's applies)
   */
  static Serde<?> key(Node node) {
    return find(node, true);
  }

  /**
   * The value serde of what a node emits, as far as the graph knows.
   *
   * @param node the node
   * @return the serde, or null when none was given upstream
   */
  static Serde<?> value(Node node) {
    return find(node, false);
  }

  private static Serde<?> find(Node node, boolean key) {
    if (node instanceof SourceNode s) {
      return key ? s.keySerde() : s.valueSerde();
    }
    if (node instanceof TransformNode t && (key ? t.keepsKey() : t.keepsValue()) && !node.parents().isEmpty()) {
      Serde<?> found = null;
      for (Node parent : node.parents()) {
        Serde<?> s = find(parent, key);
        if (s == null || (found != null && found != s)) {
          return null;
        }
        found = s;
      }
      return found;
    }
    if (node instanceof AggregateNode a && a.kind() == AggregateNode.Kind.KEY) {
      return key ? a.keySerde() : a.valueSerde();
    }
    return null;
  }

  /** @return the given serde, else the inherited one */
  static Serde<?> or(Serde<?> given, Serde<?> inherited) {
    return given != null ? given : inherited;
  }
}
