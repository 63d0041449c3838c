package io.strand.config.application;

import io.strand.application.descriptors.TaskApplicationDescriptor;
import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import io.strand.config.view.TaskConfig;
import io.strand.serializers.ByteSerde;
import io.strand.serializers.DoubleSerde;
import io.strand.serializers.IntegerSerde;
import io.strand.serializers.LongSerde;
import io.strand.serializers.Serde;
import io.strand.serializers.StringSerde;
import io.strand.system.descriptors.InputDescriptor;
import io.strand.system.descriptors.OutputDescriptor;
import io.strand.system.descriptors.StreamDescriptor;
import io.strand.system.descriptors.SystemDescriptor;
import io.strand.task.TaskFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link TaskApplicationDescriptor} a {@code TaskApplication} fills in; turns each call into
 * the keys a properties file would hold.
 *
 * <p>Serdes: an instance of a built-in serde (string in UTF-8, integer, long, double, bytes) is
 * named by its built-in short name; any other instance is registered as
 * {@code app-<system>-<topic>-msg} with {@link DescribedSerdeFactory}, which gives the container
 * the very instance {@code describe} made (each container runs {@code describe} again).
 *
 * <p>Threading: filled in by one thread, then read.
 */
final class TaskApplicationDescriptorImpl implements TaskApplicationDescriptor {

  private final Config config;
  private final Map<String, String> keys = new LinkedHashMap<>();
  private final Set<String> inputs = new LinkedHashSet<>();
  private final Set<String> broadcastInputs = new LinkedHashSet<>();
  private final Map<String, Serde<?>> serdes = new LinkedHashMap<>();
  private TaskFactory<?> taskFactory;

  TaskApplicationDescriptorImpl(Config config) {
    this.config = config;
  }

  @Override
  public Config getConfig() {
    return config;
  }

  @Override
  public TaskApplicationDescriptor withDefaultSystem(SystemDescriptor<?> defaultSystemDescriptor) {
    keys.put("job.default.system", defaultSystemDescriptor.getSystemName());
    keys.putAll(defaultSystemDescriptor.toConfig());
    return this;
  }

  @Override
  public TaskApplicationDescriptor withInputStream(InputDescriptor<?, ?> inputDescriptor) {
    addStream(inputDescriptor);
    inputs.add(inputDescriptor.getSystemStream().toString());
    return this;
  }

  @Override
  public TaskApplicationDescriptor withBroadcastStream(InputDescriptor<?, ?> inputDescriptor, int firstPartition,
      int lastPartition) {
    if (firstPartition < 0 || lastPartition < firstPartition) {
      throw new IllegalArgumentException("broadcast partitions of " + inputDescriptor.getSystemStream()
          + " must be a range from 0 up, got " + firstPartition + " to " + lastPartition);
    }
    addStream(inputDescriptor);
    String partitions = firstPartition == lastPartition ? String.valueOf(firstPartition)
        : "[" + firstPartition + "-" + lastPartition + "]";
    broadcastInputs.add(inputDescriptor.getSystemStream() + "#" + partitions);
    return this;
  }

  @Override
  public TaskApplicationDescriptor withOutputStream(OutputDescriptor<?, ?> outputDescriptor) {
    addStream(outputDescriptor);
    return this;
  }

  @Override
  public TaskApplicationDescriptor withTaskFactory(TaskFactory<?> factory) {
    if (factory == null) {
      throw new IllegalArgumentException("withTaskFactory needs a factory, got null");
    }
    this.taskFactory = factory;
    return this;
  }

  private void addStream(StreamDescriptor<?, ?> stream) {
    keys.putAll(stream.getSystemDescriptor().toConfig());
    keys.putAll(stream.toConfig());
    Serde<?> serde = stream.getSerde();
    if (serde != null) {
      String base = "systems." + stream.getSystemName() + ".streams." + stream.getPhysicalName() + ".";
      keys.put(base + "samza.msg.serde", serdeName(serde,
          "app-" + stream.getSystemName() + "-" + stream.getPhysicalName() + "-msg"));
    }
  }

  private String serdeName(Serde<?> serde, String describedName) {
    Optional<String> builtIn = builtInName(serde);
    if (builtIn.isPresent()) {
      return builtIn.get();
    }
    serdes.put(describedName, serde);
    keys.put(SerializerConfig.registryKey(describedName), DescribedSerdeFactory.class.getName());
    return describedName;
  }

  private static Optional<String> builtInName(Serde<?> serde) {
    if (serde instanceof StringSerde s && s.charset().equals(StandardCharsets.UTF_8)) {
      return Optional.of("string");
    }
    if (serde instanceof IntegerSerde) {
      return Optional.of("integer");
    }
    if (serde instanceof LongSerde) {
      return Optional.of("long");
    }
    if (serde instanceof DoubleSerde) {
      return Optional.of("double");
    }
    if (serde instanceof ByteSerde) {
      return Optional.of("bytes");
    }
    return Optional.empty();
  }

  DescribedApplication described(String applicationClass) {
    if (taskFactory == null) {
      throw config.problem(ApplicationLoader.APP_CLASS, applicationClass + ".describe gave no task factory;"
          + " call withTaskFactory((StreamTaskFactory) () -> new YourTask()) or an AsyncStreamTaskFactory");
    }
    Map<String, String> all = new LinkedHashMap<>(keys);
    if (!inputs.isEmpty()) {
      all.put(TaskConfig.TASK_INPUTS, String.join(",", inputs));
    }
    if (!broadcastInputs.isEmpty()) {
      all.put(TaskConfig.TASK_BROADCAST_INPUTS, String.join(",", broadcastInputs));
    }
    Map<String, String> described = Map.copyOf(all);
    Map<String, Serde<?>> namedSerdes = Map.copyOf(serdes);
    TaskFactory<?> factory = taskFactory;
    return new DescribedApplication() {
      @Override
      public Map<String, String> config() {
        return described;
      }

      @Override
      public TaskFactory<?> taskFactory() {
        return factory;
      }

      @Override
      public Optional<Serde<?>> serde(String name) {
        return Optional.ofNullable(namedSerdes.get(name));
      }
    };
  }
}
