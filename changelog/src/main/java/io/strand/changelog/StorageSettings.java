package io.strand.changelog;

import io.strand.changelog.topic.ChangelogTopic;
import io.strand.config.Config;
import io.strand.config.view.DeliveryGuarantee;
import io.strand.config.view.JobConfig;
import io.strand.config.view.ContainerStorageConfig;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.TaskConfig;
import io.strand.kv.StoreFactory;
import io.strand.kv.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.IsolationLevel;

/**
 * The storage settings of one container, resolved once when the container is assembled
 * ({@link #fromConfig}) and handed to {@link ContainerStorage#builder}: which job the state
 * belongs to, where it lives on disk, how it is restored and persisted, and every configured
 * store.
 *
 * <p>Local state of a store instance lives in
 * {@code <base dir>/<jobName>-<jobId>/<store>/<task name, spaces as _>/} (see
 * {@link io.strand.changelog.local.StoreDirLayout}), so two jobs, or two instances of one job,
 * never share a directory.
 *
 * <p>Threading: an immutable value.
 *
 * @param jobName {@code job.name}: meter tags, log lines, the store directory
 * @param jobId {@code job.id}: the store directory
 * @param loggedStoreBaseDir {@code job.logged.store.base.dir}, absolute; default
 *     {@code ./state/logged} of the working directory
 * @param nonLoggedStoreBaseDir {@code job.non-logged.store.base.dir}, absolute; default
 *     {@code ./state/non-logged}
 * @param restoreIsolation the restore consumers' isolation: {@code read_committed} when
 *     {@code task.delivery.guarantee=exactly-once}, else {@code read_uncommitted}
 * @param restoreThreads stores restored at once, at least 1 ({@code strand.container.restore.threads};
 *     0 there means the processor count, at least 2)
 * @param snapshotIntervalMs least time between local snapshots of a store, ms
 *     ({@code strand.container.store.snapshot.interval.ms})
 * @param commitMs {@code task.commit.ms}: created changelogs protect at least this much of their
 *     head from compaction
 * @param rocksDbMemoryBytes {@code strand.container.rocksdb.memory.bytes}: the container's bound
 *     on RocksDB memory, bytes
 * @param stores every configured store, in name order
 */
public record StorageSettings(
    String jobName,
    String jobId,
    Path loggedStoreBaseDir,
    Path nonLoggedStoreBaseDir,
    IsolationLevel restoreIsolation,
    int restoreThreads,
    long snapshotIntervalMs,
    long commitMs,
    long rocksDbMemoryBytes,
    List<StoreDefinition> stores) {

  /** Where logged stores live when {@code job.logged.store.base.dir} is unset, relative to the working dir. */
  public static final Path DEFAULT_LOGGED_STORE_BASE_DIR = Path.of("state", "logged");
  /** Where other stores live when {@code job.non-logged.store.base.dir} is unset, relative to the working dir. */
  public static final Path DEFAULT_NON_LOGGED_STORE_BASE_DIR = Path.of("state", "non-logged");

  /**
   * Checks the components.
   *
   * @param jobName the job name
   * @param jobId the job id
   * @param loggedStoreBaseDir base dir of logged stores
   * @param nonLoggedStoreBaseDir base dir of stores without a changelog
   * @param restoreIsolation the restore isolation level
   * @param restoreThreads at least 1
   * @param snapshotIntervalMs at least 0
   * @param commitMs at least 0
   * @param rocksDbMemoryBytes the RocksDB memory bound
   * @param stores the stores; copied
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a number is out of range
   */
  public StorageSettings {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(loggedStoreBaseDir, "loggedStoreBaseDir");
    Objects.requireNonNull(nonLoggedStoreBaseDir, "nonLoggedStoreBaseDir");
    Objects.requireNonNull(restoreIsolation, "restoreIsolation");
    if (restoreThreads < 1) {
      throw new IllegalArgumentException("restore threads must be at least 1, got " + restoreThreads);
    }
    if (snapshotIntervalMs < 0 || commitMs < 0) {
      throw new IllegalArgumentException("snapshot interval and commit interval cannot be negative");
    }
    stores = List.copyOf(stores);
  }

  /**
   * Resolves a container's storage settings from the job configuration: every
   * {@code stores.<s>.*} key (factories instantiated, serdes found, changelogs named), the store
   * base dirs, and the restore and snapshot settings. The job's name and id are given, not read
   * again: the container knows them.
   *
   * @param config the whole job configuration
   * @param jobName the job name
   * @param jobId the job id
   * @return the settings; {@link #stores} is empty when the job configures none
   * @throws io.strand.config.ConfigException naming the key if a store's factory, serdes,
   *     changelog or sizes are missing or wrong, or a container-level storage key is malformed
   */
  public static StorageSettings fromConfig(Config config, String jobName, String jobId) {
    JobConfig job = new JobConfig(config);
    StorageConfig storage = new StorageConfig(config);
    Map<String, ChangelogTopic> changelogs = ChangelogTopic.fromConfig(config);
    List<StoreDefinition> stores = new ArrayList<>();
    for (String store : storage.getStoreNames().stream().sorted().toList()) {
      stores.add(new StoreDefinition(StoreSettings.fromConfig(store, config), factory(config, store),
          Optional.ofNullable(changelogs.get(store)), storage.getChangelogRecovery(store),
          containerWide(config, store, changelogs.containsKey(store))));
    }
    ContainerStorageConfig containerStorage = new ContainerStorageConfig(config);
    int configuredThreads = containerStorage.getContainerRestoreThreads();
    return new StorageSettings(jobName, jobId,
        job.getLoggedStoreBaseDir().map(Path::of).orElse(DEFAULT_LOGGED_STORE_BASE_DIR).toAbsolutePath(),
        job.getNonLoggedStoreBaseDir().map(Path::of).orElse(DEFAULT_NON_LOGGED_STORE_BASE_DIR).toAbsolutePath(),
        new TaskConfig(config).getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE
            ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED,
        configuredThreads > 0 ? configuredThreads : Math.max(2, Runtime.getRuntime().availableProcessors()),
        containerStorage.getContainerSnapshotIntervalMs(), new TaskConfig(config).getCommitMs(),
        containerStorage.getContainerRocksDbMemoryBytes(), stores);
  }

  /** Job property suffix: {@code stores.<s>.scope}, {@code task} (default) or {@code container}. */
  public static final String SCOPE = "scope";

  // stores.<s>.scope: "container" shares one instance between the container's tasks.
  private static boolean containerWide(Config config, String store, boolean hasChangelog) {
    String key = StorageConfig.storeKey(store, SCOPE);
    String scope = config.get(key, "task").trim();
    if (scope.equalsIgnoreCase("task")) {
      return false;
    }
    if (!scope.equalsIgnoreCase("container")) {
      throw config.problem(key, "expected 'task' (one instance per task, the default) or 'container' (one"
          + " instance shared by the container's tasks), got '" + scope + "'");
    }
    if (hasChangelog) {
      throw config.problem(key, "a container-wide store cannot have a changelog (its writes belong to no one"
          + " task's checkpoint); remove stores." + store + ".changelog and fill it from a broadcast input,"
          + " which every start re-reads");
    }
    if (new TaskConfig(config).getDeliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
      // Session 16: the flights job with its airports table container-wide did not finish under
      // exactly-once (it did under at-least-once); refused until that is understood.
      throw config.problem(key, "a container-wide store is not supported with task.delivery.guarantee=exactly-once"
          + " yet; use scope 'task'");
    }
    return true;
  }

  private static StoreFactory factory(Config config, String store) {
    String key = StorageConfig.storeKey(store, StorageConfig.FACTORY);
    return config.newInstance(key, StoreFactory.class).orElseThrow(() -> config.problem(key,
        "store '" + store + "' needs a factory, for example io.strand.kv.RocksDbStoreFactory or"
            + " io.strand.kv.InMemoryStoreFactory"));
  }
}
