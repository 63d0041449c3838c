package io.strand.streams.internal.runtime;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.serializers.Serde;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.StreamsConfig;
import io.strand.streams.internal.graph.AggregateNode;
import io.strand.streams.internal.graph.GraphBuilder;
import io.strand.streams.internal.graph.Node;
import io.strand.streams.internal.graph.ProcessNode;
import io.strand.streams.internal.graph.SinkNode;
import io.strand.streams.internal.graph.SourceNode;
import io.strand.streams.internal.graph.StreamJoinNode;
import io.strand.streams.internal.graph.TransformNode;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import io.strand.task.ClosableTask;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.PartitionEndListenerTask;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.task.WindowableTask;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task a streams application compiles to: one per partition group, running the operators of
 * the described graph for its partitions. Everything the runtime guarantees carries over because
 * this is an ordinary task: input offsets, stores (all state, including watermarks, is in
 * changelogged stores) and outputs commit together on the run loop's commit.
 *
 * <p>Per record: the source decodes it (intermediate topics: the frame, and control records, each with the
 * watermarks of one or more upstream tasks ({@link ControlFrames}), go to the watermark clock only), takes its event time, passes it down the operators, then recomputes
 * each source's watermark ({@link SourceWatermark}) and passes a change to the operators it feeds,
 * each of which takes the minimum over its own inputs ({@link Op#input}; windows fire). Per window tick
 * ({@code task.window.ms}): which partitions have caught up is refreshed from the task's lag and
 * idle partitions are noticed (only caught-up ones can be idle), the watermark store is updated and each
 * repartition sends its watermark to its intermediate topic. A bounded partition that ends
 * ({@link #onPartitionEnd}) stops holding watermarks back, and a repartition fed only by ended
 * partitions sends the end of stream downstream at once; an intermediate partition that heard the
 * end of stream from every upstream task is ended through {@code TaskCoordinator.endOfStream}. At
 * the end of all the task's input the watermark moves to the end of time ({@link #onEndOfStream}).
 *
 * <p>Threading: one task instance is called by one thread at a time (the run loop's contract).
 */
public final class GraphTask implements StreamTask, InitableTask, WindowableTask, ClosableTask,
    EndOfStreamListenerTask, PartitionEndListenerTask {

  private final GraphBuilder graph;
  private final TopicSizes sizes;
  private final ControlFrames frames;
  private final Map<SystemStream, Source> sources = new HashMap<>();
  private final List<Op> ops = new ArrayList<>();
  private final List<RepartitionSinkOp> repartitionSinks = new ArrayList<>();
  private final List<SourceWatermark> sourceWatermarks = new ArrayList<>();
  private TaskEnv env;
  /** {@link StreamsConfig#HOPPING_PANES}, read before the operators are built. */
  private boolean hoppingPanes = StreamsConfig.DEFAULT_HOPPING_PANES;
  private Watermarks watermarks;
  private SystemStreamPartition lastSsp;
  private Source lastSource;
  private Watermarks.Clock lastClock;

  /**
   * A task of a described graph.
   *
   * @param graph the graph, shared by the container's tasks
   * @param sizes the container's partition-count lookups
   * @param frames the watermark control frames, shared by the tasks the factory makes
   */
  public GraphTask(GraphBuilder graph, TopicSizes sizes, ControlFrames frames) {
    this.graph = graph;
    this.sizes = sizes;
    this.frames = frames;
  }

  /** One input of this task. */
  private record Source(SourceNode node, List<Op> roots, Serde<Object> keySerde, Serde<Object> valueSerde,
      SourceWatermark watermark) { }

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    env = new TaskEnv(context.getTaskContext(), config, graph.system());
    hoppingPanes = config.getBoolean(StreamsConfig.HOPPING_PANES, StreamsConfig.DEFAULT_HOPPING_PANES);
    long defaultIdle = config.getLong(StreamsConfig.WATERMARK_IDLE_TIMEOUT_MS,
        StreamsConfig.DEFAULT_WATERMARK_IDLE_TIMEOUT_MS);
    if (defaultIdle < 0) {
      throw config.problem(StreamsConfig.WATERMARK_IDLE_TIMEOUT_MS, "must be 0 or more ms, got " + defaultIdle);
    }
    KeyValueStore<byte[], byte[]> wmStore = context.getTaskContext().getStore(GraphBuilder.WATERMARK_STORE);
    watermarks = new Watermarks(wmStore);
    env.watermark = watermarks.task();
    Map<Node, Op> built = new IdentityHashMap<>();
    Map<Node, SourceWatermark> sourceWatermarkOf = new IdentityHashMap<>();
    for (SourceNode s : graph.sources()) {
      List<Op> roots = new ArrayList<>();
      SourceWatermark sourceWatermark = new SourceWatermark(s.topic());
      sourceWatermarkOf.put(s, sourceWatermark);
      for (Node child : s.children()) {
        Op root = build(child, built);
        roots.add(root);
        sourceWatermark.addRoot(root);
      }
      sourceWatermarks.add(sourceWatermark);
      Serde<Object> keySerde = s.intermediate() ? env.keySerde(s.keySerde(), s.name()) : null;
      Serde<Object> valueSerde = s.intermediate() ? env.valueSerde(s.valueSerde(), s.name()) : null;
      sources.put(new SystemStream(s.system(), s.topic()), new Source(s, roots, keySerde, valueSerde,
          sourceWatermark));
    }
    joinSidesHearBothInputs(built, sourceWatermarkOf);
    for (Op op : ops) {
      op.init(env);
    }
    long now = System.currentTimeMillis();
    for (SystemStreamPartition ssp : context.getTaskContext().getSystemStreamPartitions()) {
      Source source = sources.get(ssp.getSystemStream());
      if (source == null) {
        continue;
      }
      SourceNode s = source.node();
      if (s.role() == SourceNode.Role.TABLE) {
        TableOps.restore(config, context.getTaskContext(), ssp, source.roots());
      } else if (s.role() == SourceNode.Role.GLOBAL) {
        continue; // bootstrapped and broadcast: no event-time clock, it must not hold the watermark back
      }
      int upstreamTasks = 0;
      if (s.intermediate()) {
        for (SourceNode up : s.upstream()) {
          upstreamTasks = Math.max(upstreamTasks, sizes.partitions(up.system(), up.topic()));
        }
      }
      Watermarks.Clock clock = new Watermarks.Clock(ssp, s.outOfOrdernessMs(), s.idleTimeoutMs() >= 0
          ? s.idleTimeoutMs() : defaultIdle, upstreamTasks, now);
      watermarks.add(clock);
      source.watermark().addClock(clock);
      for (RepartitionSinkOp sink : repartitionSinks) {
        if (feeds(s, sink)) {
          sink.addUpstream(clock);
        }
      }
    }
    for (SourceWatermark sw : sourceWatermarks) {
      sw.start(watermarks.storedSource(sw.topic));
    }
    for (RepartitionSinkOp sink : repartitionSinks) {
      sink.joinFrames(context.getContainerContext());
    }
  }

  /** Whether records of a source reach a repartition sink (the sink's topic lists it upstream). */
  private boolean feeds(SourceNode source, RepartitionSinkOp sink) {
    for (SourceNode s : graph.sources()) {
      if (s.intermediate() && s.topic().equals(sink.topic()) && s.upstream().contains(source)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each side of a stream-stream join buffers its records for the other side's, so it must hear
   * the other input's watermark too: its watermark, by which its buffer expires and lateness is
   * judged, is then the minimum over both inputs, as one join operator with two inputs would have.
   */
  private static void joinSidesHearBothInputs(Map<Node, Op> built, Map<Node, SourceWatermark> sourceWatermarkOf) {
    for (Map.Entry<Node, Op> side : built.entrySet()) {
      if (!(side.getKey() instanceof StreamJoinNode node)) {
        continue;
      }
      for (Node partner : built.keySet()) {
        if (partner instanceof StreamJoinNode other && other != node && other.join().equals(node.join())) {
          for (Node parent : other.parents()) {
            Op parentOp = built.get(parent);
            if (parentOp != null) {
              parentOp.feedsWatermark(side.getValue());
            } else if (sourceWatermarkOf.containsKey(parent)) {
              sourceWatermarkOf.get(parent).addRoot(side.getValue());
            }
          }
        }
      }
    }
  }

  private Op build(Node node, Map<Node, Op> built) {
    Op existing = built.get(node);
    if (existing != null) {
      return existing;
    }
    Op op;
    if (node instanceof TransformNode t) {
      op = new TransformOp(t.name(), t.function());
    } else if (node instanceof SinkNode s && s.intermediate()) {
      RepartitionSinkOp sink = new RepartitionSinkOp(s, sizes, frames);
      repartitionSinks.add(sink);
      op = sink;
    } else if (node instanceof SinkNode s) {
      op = new SinkOp(s.name(), s.systemStream());
    } else if (node instanceof ProcessNode p) {
      op = new ProcessOp(p);
    } else if (node instanceof AggregateNode a) {
      AggregateOp aggregate = switch (a.kind()) {
        case KEY -> new KeyAggregateOp(a);
        case TIME -> a.emitStrategy().early() ? new EarlyTimeWindowOp(a)
            : hoppingPanes && PanedTimeWindowOp.applies(a) ? new PanedTimeWindowOp(a) : new TimeWindowOp(a);
        case SESSION -> a.emitStrategy().early() ? new EarlySessionWindowOp(a) : new SessionWindowOp(a);
        case COUNT -> new CountWindowOp(a);
      };
      if (a.lateOutput() != null) {
        aggregate.late = build(a.lateOutput(), built);
        aggregate.feedsWatermark(aggregate.late);
      }
      op = aggregate;
    } else if (node instanceof StreamJoinNode j) {
      StreamJoinOp join = new StreamJoinOp(j);
      if (j.lateOutput() != null) {
        join.late = build(j.lateOutput(), built);
        join.feedsWatermark(join.late);
      }
      op = join;
    } else {
      op = TableOps.build(node);
      if (op == null) {
        throw new IllegalStateException("no runtime operator for " + node);
      }
    }
    built.put(node, op);
    ops.add(op);
    for (Node child : node.children()) {
      op.connect(build(child, built));
    }
    return op;
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    env.collector = collector;
    SystemStreamPartition ssp = envelope.systemStreamPartition();
    Source source;
    Watermarks.Clock clock;
    if (ssp == lastSsp) { // runs of one partition's records: skip two hash lookups
      source = lastSource;
      clock = lastClock;
    } else {
      source = sources.get(ssp.getSystemStream());
      clock = watermarks.clock(ssp);
      lastSsp = ssp;
      lastSource = source;
      lastClock = clock;
    }
    if (source != null && source.node().role() == SourceNode.Role.GLOBAL) {
      for (Op op : source.roots()) {
        op.process(envelope.key(), envelope.message(), envelope.eventTimeMs());
      }
      return;
    }
    if (source == null || clock == null) {
      throw new IllegalStateException("no graph source reads " + ssp + "; the task's inputs come from the graph");
    }
    long now = System.currentTimeMillis();
    Object key;
    Object value;
    long timestamp;
    if (source.node().intermediate()) {
      ByteBuffer frame = ByteBuffer.wrap((byte[]) envelope.message());
      byte tag = frame.get();
      if (tag == Bytes.CONTROLS || tag == Bytes.CONTROL) {
        if (tag == Bytes.CONTROLS) {
          ControlFrames.read(frame, (upstream, wm, idle) -> watermarks.control(clock, upstream, wm, idle, now));
        } else { // one upstream task's, as written before session 12
          long wm = frame.getLong();
          boolean idle = frame.get() == 1;
          watermarks.control(clock, StandardCharsets.UTF_8.decode(frame).toString(), wm, idle, now);
        }
        if (!clock.ended && clock.upstreamEnded()) {
          ended(clock);
          coordinator.endOfStream(ssp); // Samza's end-of-stream through intermediate streams
        }
        advance(now);
        return;
      }
      if (tag != Bytes.DATA && tag != Bytes.NULL_DATA) {
        throw new IllegalStateException("record at offset " + envelope.offset() + " of intermediate topic "
            + ssp.getStream() + " has an unknown frame version " + tag + "; was it written by another graph?");
      }
      timestamp = frame.getLong();
      byte[] valueBytes = new byte[frame.remaining()];
      frame.get(valueBytes);
      key = envelope.key() == null ? null : source.keySerde().fromBytes((byte[]) envelope.key());
      value = tag == Bytes.NULL_DATA ? null : source.valueSerde().fromBytes(valueBytes);
      clock.lastActivityMs = now;
    } else {
      key = envelope.key();
      value = envelope.message();
      SourceNode s = source.node();
      timestamp = s.extractor() == null ? envelope.eventTimeMs()
          : s.extractor().extract(key, value, envelope.eventTimeMs());
      watermarks.observe(clock, timestamp, now);
    }
    List<Op> roots = source.roots();
    for (int i = 0, n = roots.size(); i < n; i++) { // indexed: no iterator per record
      roots.get(i).process(key, value, timestamp);
    }
    advance(now);
  }

  private void advance(long now) {
    env.watermark = Math.max(env.watermark, watermarks.advance(now));
    for (int i = 0, n = sourceWatermarks.size(); i < n; i++) { // per record: no iterator
      SourceWatermark sw = sourceWatermarks.get(i);
      if (sw.advance(now) && n > 1) {
        watermarks.storeSource(sw.topic, sw.watermark());
      }
    }
  }

  /**
   * A bounded input partition ended: it no longer holds watermarks back (the end of time), and a
   * repartition whose every feeding partition in this task ended passes the end of stream on at
   * once, so the tasks downstream can end too (the task's own end waits for theirs when it reads
   * the intermediate topic it writes).
   */
  @Override
  public void onPartitionEnd(SystemStreamPartition ssp, MessageCollector collector, TaskCoordinator coordinator) {
    env.collector = collector;
    Watermarks.Clock clock = watermarks.clock(ssp);
    if (clock != null && !clock.ended) {
      ended(clock);
    }
    advance(System.currentTimeMillis());
  }

  private void ended(Watermarks.Clock clock) {
    clock.ended = true;
    for (RepartitionSinkOp sink : repartitionSinks) {
      sink.upstreamMayHaveEnded();
    }
  }

  @Override
  public void window(MessageCollector collector, TaskCoordinator coordinator) {
    env.collector = collector;
    long now = System.currentTimeMillis();
    watermarks.refreshCaughtUp(env.context::getLag);
    advance(now);
    watermarks.persist();
    for (RepartitionSinkOp sink : repartitionSinks) {
      sink.sendWatermark(now);
    }
    for (Op op : ops) {
      op.tick();
    }
  }

  /**
   * Every input of the task ended (bounded inputs): as Flink's final watermark, the task's watermark
   * moves to the end of time, so every open window fires, and repartitions pass that on. Only in
   * memory: the stored watermark stays the last event-time one, so a later run over more input
   * goes on from there rather than finding every record late.
   */
  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    env.collector = collector;
    env.watermark = Long.MAX_VALUE;
    for (SourceWatermark sw : sourceWatermarks) {
      sw.end();
    }
    watermarks.persist();
    for (RepartitionSinkOp sink : repartitionSinks) {
      sink.sendEndOfStream();
    }
  }

  @Override
  public void close() {
    for (RepartitionSinkOp sink : repartitionSinks) {
      sink.leaveFrames();
    }
    for (Op op : ops) {
      op.close();
    }
  }
}
