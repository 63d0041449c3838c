package io.strand.changelog;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.changelog.local.StoreDirLayout;
import io.strand.container.TaskName;
import io.strand.kv.StoreEnvironment;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.changelog.topic.ChangelogTopic;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds a {@link ContainerStorage} from the container's {@link StorageSettings}. Required:
 * {@link #tasks}, {@link #clients}, {@link #meterRegistry}. Each store gets one instance per task,
 * but a {@linkplain StoreDefinition#containerWide container-wide} one gets a single instance that
 * every task's map names.
 *
 * <p>Threading: a one-thread builder.
 */
public final class ContainerStorageBuilder {

  /**
   * The name a container-wide store's instance is kept under (its directory, meters, restore
   * results): this prefix and the container's id.
   */
  public static final String CONTAINER_WIDE_PREFIX = "container ";

  private final StorageSettings settings;
  private final String containerId;
  private List<TaskStorage> tasks;
  private ChangelogClients clients;
  private MeterRegistry registry;

  ContainerStorageBuilder(StorageSettings settings, String containerId) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.containerId = Objects.requireNonNull(containerId, "containerId");
  }

  /**
   * The container's tasks.
   *
   * @param value task names and changelog partitions
   * @return this builder
   */
  public ContainerStorageBuilder tasks(Collection<TaskStorage> value) {
    tasks = List.copyOf(value);
    return this;
  }

  /**
   * The Kafka clients: the shared producer, restore consumers, admin.
   *
   * @param value the clients
   * @return this builder
   */
  public ContainerStorageBuilder clients(ChangelogClients value) {
    clients = value;
    return this;
  }

  /**
   * Where store, restore and RocksDB meters go.
   *
   * @param value the registry
   * @return this builder
   */
  public ContainerStorageBuilder meterRegistry(MeterRegistry value) {
    registry = value;
    return this;
  }

  /**
   * Allocates the container's RocksDB memory ({@link StorageSettings#rocksDbMemoryBytes}) and
   * describes every store instance; opens no store and contacts no broker.
   *
   * @return the storage, which owns the RocksDB memory from now on
   * @throws NullPointerException if a required part is missing
   */
  public ContainerStorage build() {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(registry, "meterRegistry");
    Map<String, ChangelogSender> senders = sendersFor(
        settings.stores().stream().flatMap(s -> s.changelog().stream()).toList(), clients);
    RocksDbContainerResources memory = new RocksDbContainerResources(settings.rocksDbMemoryBytes(), registry,
        settings.jobName(), containerId);
    StoreEnvironment environment = new StoreEnvironment(settings.jobName(), containerId, registry, memory);
    StoreDirLayout logged = new StoreDirLayout(settings.loggedStoreBaseDir(), settings.jobName(), settings.jobId());
    StoreDirLayout unlogged = new StoreDirLayout(settings.nonLoggedStoreBaseDir(), settings.jobName(),
        settings.jobId());
    Map<TaskName, Map<String, StoreInstance>> instances = new TreeMap<>();
    // A container-wide store has one instance, named after the container, under every task.
    TaskName containerOwner = new TaskName(CONTAINER_WIDE_PREFIX + containerId);
    Map<String, StoreInstance> containerWide = new TreeMap<>();
    for (StoreDefinition store : settings.stores()) {
      if (store.containerWide()) {
        containerWide.put(store.name(), new UnloggedStoreInstance(store, containerOwner, environment,
            unlogged.instanceDir(store.name(), containerOwner)));
      }
    }
    for (TaskStorage task : tasks) {
      Map<String, StoreInstance> stores = new TreeMap<>(containerWide);
      for (StoreDefinition store : settings.stores()) {
        if (store.containerWide()) {
          continue;
        }
        stores.put(store.name(), store.changelog()
            .<StoreInstance>map(changelog -> new LoggedStoreInstance(store, task.task(), environment,
                logged.instanceDir(store.name(), task.task()), changelog, task.changelogPartition(),
                senders.get(changelog.system())))
            .orElseGet(() -> new UnloggedStoreInstance(store, task.task(), environment,
                unlogged.instanceDir(store.name(), task.task()))));
      }
      instances.put(task.task(), stores);
    }
    return new ContainerStorage(settings, containerId, clients, registry, memory, logged, senders, instances);
  }

  // One sender per changelog system, over the producer the container gives that system.
  private static Map<String, ChangelogSender> sendersFor(Collection<ChangelogTopic> topics, ChangelogClients clients) {
    Map<String, ChangelogSender> senders = new TreeMap<>();
    for (ChangelogTopic topic : topics) {
      senders.computeIfAbsent(topic.system(), s -> new ChangelogSender(Objects.requireNonNull(clients.producer(s),
          "no producer for system '" + s + "'")));
    }
    return senders;
  }
}
