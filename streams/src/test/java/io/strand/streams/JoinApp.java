package io.strand.streams;

import io.strand.serializers.StringSerde;
import io.strand.testkit.kill.KillThrottle;
import java.time.Duration;
import java.util.Map;

/**
 * A windowed stream-stream join for the tests. Values are {@code <side>|<id>|<event time ms>}; with
 * {@code test.right} the left records come from {@code test.in} and the right from {@code test.right},
 * else both from {@code test.in}, split by side ({@code L}, {@code R}; any other side only moves the
 * watermark). The join ({@code test.join}: inner, left or outer) has windows
 * {@code before(test.before.ms)}, {@code after(test.after.ms)}, {@code test.grace.ms}; each result is
 * {@code <left id>+<right id>} ({@code -} for a missing side) to {@code test.out}, late records' ids
 * to {@code <out>-late-left} / {@code <out>-late-right}. A kill test slows it with {@link KillThrottle}'s
 * keys.
 */
public class JoinApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    String kind = graph.config().get("test.join").orElse("inner");
    long ooo = graph.config().getLong("test.ooo.ms", 0);
    KStream<String, String> left = graph.stream(in, consumed(ooo));
    KStream<String, String> right;
    String rightTopic = graph.config().get("test.right").orElse(null);
    if (rightTopic != null) {
      right = graph.stream(rightTopic, consumed(ooo));
    } else {
      Map<String, KStream<String, String>> sides = left.split()
          .branch("left", (k, v) -> v.startsWith("L|"))
          .branch("right", (k, v) -> v.startsWith("R|"))
          .noDefaultBranch();
      left = sides.get("left");
      right = sides.get("right");
    }
    KillThrottle throttle = KillThrottle.of(graph.config()::get);
    if (throttle.active()) {
      left = left.peek((k, v) -> throttle.onRecord());
      right = right.peek((k, v) -> throttle.onRecord());
    }
    JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ZERO,
            Duration.ofMillis(graph.config().getLong("test.grace.ms", 0)))
        .after(Duration.ofMillis(graph.config().getLong("test.after.ms", 0)))
        .before(Duration.ofMillis(graph.config().getLong("test.before.ms", 0)));
    ValueJoiner<String, String, String> joiner = (l, r) -> id(l) + "+" + id(r);
    StreamJoined<String, String, String> joined = StreamJoined.<String, String, String>as("pairs")
        .withName("pairs");
    WindowJoinedKStream<String, String, String, String> result = switch (kind) {
      case "left" -> left.leftJoin(right, joiner, windows, joined);
      case "outer" -> left.outerJoin(right, joiner, windows, joined);
      default -> left.join(right, joiner, windows, joined);
    };
    result.to(out);
    result.lateRecords().mapValues(JoinApp::id).to(out + "-late-left");
    result.otherLateRecords().mapValues(JoinApp::id).to(out + "-late-right");
  }

  private static Consumed<String, String> consumed(long oooMs) {
    return Consumed.with(new StringSerde(), new StringSerde())
        .<String, String>withTimestampExtractor((k, v, ts) -> Long.parseLong(v.substring(v.lastIndexOf('|') + 1)))
        .withOutOfOrderness(Duration.ofMillis(oooMs));
  }

  private static String id(String value) {
    return value == null ? "-" : value.substring(value.indexOf('|') + 1, value.lastIndexOf('|'));
  }
}
