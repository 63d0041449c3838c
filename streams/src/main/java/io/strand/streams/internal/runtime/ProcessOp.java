package io.strand.streams.internal.runtime;

import io.strand.metrics.MetricsRegistry;
import io.strand.storage.kv.KeyValueStore;
import io.strand.streams.Processor;
import io.strand.streams.ProcessorContext;
import io.strand.streams.internal.graph.ProcessNode;

/** The {@code process} escape hatch: one author's processor per task. */
final class ProcessOp extends Op implements ProcessorContext<Object, Object> {

  private final ProcessNode node;
  private Processor<Object, Object, Object, Object> processor;
  private long timestamp;

  ProcessOp(ProcessNode node) {
    super(node.name());
    this.node = node;
  }

  @Override
  @SuppressWarnings("unchecked")
  void init(TaskEnv env) {
    super.init(env);
    processor = (Processor<Object, Object, Object, Object>) node.supplier().get();
    if (processor == null) {
      throw new IllegalStateException("the processor supplier of operator '" + name + "' returned null");
    }
    processor.init(this);
  }

  @Override
  void process(Object key, Object value, long ts) {
    timestamp = ts;
    processor.process(key, value);
  }

  @Override
  void onWatermark(long watermarkMs) {
    timestamp = watermarkMs;
    processor.onWatermark(watermarkMs);
  }

  @Override
  void close() {
    processor.close();
  }

  @Override
  public void forward(Object key, Object value) {
    forward(key, value, timestamp);
  }

  @Override
  public <K, V> KeyValueStore<K, V> getStore(String store) {
    if (!node.stores().contains(store)) {
      throw new IllegalArgumentException("operator '" + name + "' did not name store '" + store + "' in process(...);"
          + " it may use " + node.stores());
    }
    return env.context.getStore(store);
  }

  @Override
  public long timestamp() {
    return timestamp;
  }

  @Override
  public long watermark() {
    return watermarkMs();
  }

  @Override
  public String taskName() {
    return env.taskName;
  }

  @Override
  public MetricsRegistry metrics() {
    return env.context.getTaskMetricsRegistry();
  }
}
