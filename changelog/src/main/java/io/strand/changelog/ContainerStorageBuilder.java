package io.strand.changelog;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.changelog.topic.ChangelogTopic;
import io.strand.config.Config;
import io.strand.config.view.DeliveryGuarantee;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.TaskConfig;
import io.strand.kv.InMemoryStoreFactory;
import io.strand.kv.StoreContext;
import io.strand.kv.StoreFactory;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Builds a {@link ContainerStorage}. Required: {@link #tasks}, {@link #clients},
 * {@link #meterRegistry}; {@link #rocksDbResources} when a store uses RocksDB.
 *
 * <p>Defaults: store directories under {@code job.logged.store.base.dir} and
 * {@code job.non-logged.store.base.dir}, else {@code ./state/logged} and
 * {@code ./state/non-logged} of the working directory; restore isolation
 * {@code read_committed} when {@code task.delivery.guarantee=exactly-once}, else
 * {@code read_uncommitted}; restore threads from {@code strand.container.restore.threads} (0:
 * the processor count, at least 2).
 *
 * <p>Threading: a one-thread builder.
 */
public final class ContainerStorageBuilder {

  final Config config;
  final String containerId;
  List<TaskStorage> tasks;
  ChangelogClients clients;
  MeterRegistry registry;
  RocksDbContainerResources rocksDbResources;
  Path loggedBaseDir;
  Path nonLoggedBaseDir;
  IsolationLevel isolation;
  Integer restoreThreads;

  ContainerStorageBuilder(Config config, String containerId) {
    this.config = Objects.requireNonNull(config, "config");
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
   * Where store and restore meters go.
   *
   * @param value the registry
   * @return this builder
   */
  public ContainerStorageBuilder meterRegistry(MeterRegistry value) {
    registry = value;
    return this;
  }

  /**
   * The container's shared RocksDB memory; required when a store uses RocksDB.
   *
   * @param value the resources; not closed by the storage
   * @return this builder
   */
  public ContainerStorageBuilder rocksDbResources(RocksDbContainerResources value) {
    rocksDbResources = value;
    return this;
  }

  /**
   * Overrides the base directory of stores with a changelog.
   *
   * @param value the directory
   * @return this builder
   */
  public ContainerStorageBuilder loggedStoreBaseDir(Path value) {
    loggedBaseDir = value;
    return this;
  }

  /**
   * Overrides the base directory of stores without a changelog.
   *
   * @param value the directory
   * @return this builder
   */
  public ContainerStorageBuilder nonLoggedStoreBaseDir(Path value) {
    nonLoggedBaseDir = value;
    return this;
  }

  /**
   * Overrides the restore consumers' isolation level.
   *
   * @param value read_committed or read_uncommitted
   * @return this builder
   */
  public ContainerStorageBuilder isolationLevel(IsolationLevel value) {
    isolation = value;
    return this;
  }

  /**
   * Overrides the number of stores restored at once.
   *
   * @param value at least 1
   * @return this builder
   */
  public ContainerStorageBuilder restoreThreads(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("restore threads must be at least 1, got " + value);
    }
    restoreThreads = value;
    return this;
  }

  /**
   * Resolves the stores, their factories and changelogs; opens nothing.
   *
   * @return the storage
   * @throws io.strand.config.ConfigException if a store's factory or changelog key is wrong
   * @throws NullPointerException if a required part is missing
   */
  public ContainerStorage build() {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(registry, "meterRegistry");
    JobConfig job = new JobConfig(config);
    StorageConfig storage = new StorageConfig(config);
    Path logged = loggedBaseDir != null ? loggedBaseDir
        : job.getLoggedStoreBaseDir().map(Path::of).orElse(Path.of("state", "logged")).toAbsolutePath();
    Path nonLogged = nonLoggedBaseDir != null ? nonLoggedBaseDir
        : job.getNonLoggedStoreBaseDir().map(Path::of).orElse(Path.of("state", "non-logged")).toAbsolutePath();
    IsolationLevel level = isolation != null ? isolation
        : new TaskConfig(config).getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
            ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
    int configured = restoreThreads != null ? restoreThreads : storage.getContainerRestoreThreads();
    int threads = configured > 0 ? configured : Math.max(2, Runtime.getRuntime().availableProcessors());

    Map<String, ChangelogTopic> changelogs = ChangelogTopic.fromConfig(config);
    Map<String, ChangelogSender> senders = ContainerStorage.sendersFor(changelogs.values(), clients);
    Map<String, StoreFactory> factories = new TreeMap<>();
    for (String store : storage.getStoreNames()) {
      factories.put(store, factory(store));
    }
    Map<io.strand.context.TaskName, Map<String, StoreInstance>> instances = new TreeMap<>();
    for (TaskStorage task : tasks) {
      Map<String, StoreInstance> stores = new TreeMap<>();
      for (Map.Entry<String, StoreFactory> f : factories.entrySet()) {
        String store = f.getKey();
        ChangelogTopic changelog = changelogs.get(store);
        Path dir = StoreContext.defaultStoreDir(changelog != null ? logged : nonLogged, store, task.task());
        StoreContext context = new StoreContext(store, task.task(), containerId, config, dir, registry,
            rocksDbResources, UnaryOperator.identity());
        TopicPartition partition = changelog == null ? null
            : new TopicPartition(changelog.topic(), task.changelogPartition());
        stores.put(store, new StoreInstance(context, f.getValue(), changelog, partition,
            changelog == null ? null : senders.get(changelog.system()), dir,
            !(f.getValue() instanceof InMemoryStoreFactory)));
      }
      instances.put(task.task(), stores);
    }
    return new ContainerStorage(this, changelogs, senders, instances, level, threads);
  }

  private StoreFactory factory(String store) {
    String key = StorageConfig.storeKey(store, StorageConfig.FACTORY);
    return config.newInstance(key, StoreFactory.class).orElseThrow(() -> config.problem(key,
        "store '" + store + "' needs a factory, for example io.strand.kv.RocksDbStoreFactory or"
            + " io.strand.kv.InMemoryStoreFactory"));
  }

}
