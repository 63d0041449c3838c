package io.strand.samples.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.Partition;
import io.strand.config.Config;
import io.strand.config.view.StorageConfig;
import io.strand.container.TaskName;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.container.metrics.TaskMetrics;
import io.strand.context.ContainerContext;
import io.strand.context.Context;
import io.strand.context.JobContext;
import io.strand.context.TaskContext;
import io.strand.job.model.ContainerModel;
import io.strand.job.model.TaskModel;
import io.strand.metrics.MetricsRegistry;
import io.strand.serdes.Serdes;
import io.strand.serializers.Serde;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStreamPartition;
import io.strand.task.MessageCollector;
import io.strand.task.TaskCoordinator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a task by hand for unit tests: a context whose stores are {@link SerdeMapStore}s using the
 * serdes the job's config names for them, messages deserialized with the stream's configured
 * serde, and everything sent recorded.
 */
public final class FakeTaskRun implements Context, MessageCollector, TaskCoordinator {
  private final Config config;
  private final Map<String, SerdeMapStore<?>> stores = new HashMap<>();
  // The container's own registries, on a registry that is only read by tests.
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final MetricsRegistry containerMetrics = new ContainerMetrics(meters, "fake-job", "0").containerMetricsRegistry();
  private final MetricsRegistry taskMetrics =
      new TaskMetrics(meters, "fake-job", "0", new TaskName("Partition 0")).taskMetricsRegistry();
  public final List<OutgoingMessageEnvelope> sent = new ArrayList<>();
  public boolean shutdownRequested;
  private long offset;

  public FakeTaskRun(Config config) {
    this.config = config;
    StorageConfig storage = new StorageConfig(config);
    for (String store : storage.getStoreNames()) {
      String msgSerde = config.getRequired("stores." + store + ".msg.serde");
      stores.put(store, new SerdeMapStore<>(Serdes.fromConfig(msgSerde, config)));
    }
  }

  @SuppressWarnings("unchecked")
  public <V> SerdeMapStore<V> store(String name) {
    return (SerdeMapStore<V>) stores.get(name);
  }

  /** An envelope from {@code kafka.<stream>} partition 0, its value deserialized by the stream's serde. */
  public IncomingMessageEnvelope envelope(String stream, String key, byte[] value) {
    String serdeName = config.get("systems.kafka.streams." + stream + ".samza.msg.serde")
        .orElseGet(() -> config.getRequired("systems.kafka.samza.msg.serde"));
    Serde<Object> serde = Serdes.fromConfig(serdeName, config);
    return new IncomingMessageEnvelope(new SystemStreamPartition("kafka", stream, 0), Long.toString(offset++), key,
        serde.fromBytes(value));
  }

  public List<OutgoingMessageEnvelope> sentTo(String stream) {
    return sent.stream().filter(e -> e.getSystemStream().getStream().equals(stream)).toList();
  }

  @Override
  public void send(OutgoingMessageEnvelope envelope) {
    sent.add(envelope);
  }

  @Override
  public void commit(RequestScope scope) {
  }

  @Override
  public void shutdown(RequestScope scope) {
    shutdownRequested = true;
  }

  @Override
  public JobContext getJobContext() {
    return new JobContext() {
      @Override
      public Config getConfig() {
        return config;
      }

      @Override
      public String getJobName() {
        return config.get("job.name", "test");
      }

      @Override
      public String getJobId() {
        return "1";
      }
    };
  }

  @Override
  public ContainerContext getContainerContext() {
    return new ContainerContext() {
      @Override
      public ContainerModel getContainerModel() {
        TaskModel task = getTaskContext().getTaskModel();
        return new ContainerModel("0", Map.of(task.getTaskName(), task));
      }

      @Override
      public MetricsRegistry getContainerMetricsRegistry() {
        return containerMetrics;
      }
    };
  }

  @Override
  public TaskContext getTaskContext() {
    return new TaskContext() {
      @Override
      public TaskModel getTaskModel() {
        return new TaskModel(new TaskName("Partition 0"), Set.of(), new Partition(0));
      }

      @Override
      @SuppressWarnings("unchecked")
      public <S extends KeyValueStore<?, ?>> S getStore(String name) {
        KeyValueStore<?, ?> store = stores.get(name);
        if (store == null) {
          throw new IllegalArgumentException("no store " + name);
        }
        return (S) store;
      }

      @Override
      public MetricsRegistry getTaskMetricsRegistry() {
        return taskMetrics;
      }
    };
  }
}
