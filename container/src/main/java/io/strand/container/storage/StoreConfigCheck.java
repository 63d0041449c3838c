package io.strand.container.storage;

import io.strand.changelog.StorageSettings;
import io.strand.changelog.local.StoreDirLayout;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.validate.ConfigCheck;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StorageConfig;
import io.strand.kv.engine.FileErrors;
import io.strand.kv.rocksdb.RocksDbSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Validation of the stores' settings before anything is created: every
 * {@code stores.<s>.rocksdb.*} value as the RocksDB engine reads it ({@link RocksDbSettings#problems};
 * unknown {@code rocksdb.*} keys are warnings), and, when the stores will live on this host, the
 * store base dirs the job uses ({@code job.logged.store.base.dir} for stores with a changelog,
 * {@code job.non-logged.store.base.dir} for the others; defaults {@code ./state/logged} and
 * {@code ./state/non-logged}): the nearest existing part of the job's directory under each must
 * be a directory this process may write in; a container-wide store ({@code stores.<s>.scope=container})
 * has no changelog and its tasks run on the run loop thread. A problem names the operating system's reason
 * ("Not a directory", "Permission denied"). Nothing is created.
 *
 * <p>Threading: immutable; checks run on the validating thread.
 */
public final class StoreConfigCheck implements ConfigCheck {

  private final boolean storesOnThisHost;

  /**
   * Creates the check.
   *
   * @param storesOnThisHost whether the containers run on this host (the thread and process
   *     runners), so their store directories can be checked here
   */
  public StoreConfigCheck(boolean storesOnThisHost) {
    this.storesOnThisHost = storesOnThisHost;
  }

  @Override
  public void check(Config config, Report report) {
    StorageConfig storage = new StorageConfig(config);
    Set<String> stores = storage.getStoreNames();
    boolean logged = false;
    boolean unlogged = false;
    for (String store : stores) {
      RocksDbSettings.problems(store, config).forEach(report::problem);
      for (String key : RocksDbSettings.unknownKeys(store, config)) {
        report.warning(new ConfigProblem(key, config.sourceOf(key), "not a RocksDB setting Strand knows, so it is"
            + " ignored; expected one of rocksdb.compression, rocksdb.block.size.bytes, rocksdb.ttl.ms, "
            + RocksDbSettings.BLOOM_BITS_PER_KEY + ", " + RocksDbSettings.WRITE_BUFFER_SIZE_BYTES + ", "
            + RocksDbSettings.MAX_WRITE_BUFFERS));
      }
      boolean hasChangelog;
      try {
        hasChangelog = storage.getChangelog(store).isPresent();
      } catch (ConfigException e) {
        continue; // reported by the validator
      }
      String scopeKey = StorageConfig.storeKey(store, StorageSettings.SCOPE);
      if (config.get(scopeKey, "task").trim().equalsIgnoreCase("container")) {
        if (hasChangelog) {
          report.problem(new ConfigProblem(scopeKey, config.sourceOf(scopeKey), "a container-wide store cannot have"
              + " a changelog (its writes belong to no one task's checkpoint); fill it from a broadcast input"));
        }
        int pool = poolSize(config);
        if (pool > 0) {
          report.problem(new ConfigProblem(scopeKey, config.sourceOf(scopeKey), "a container-wide store is shared by"
              + " tasks that must run one at a time, but " + JobConfig.JOB_CONTAINER_THREAD_POOL_SIZE + "=" + pool
              + " runs them on a thread pool; use scope 'task' or a pool size of 0"));
        }
      }
      logged |= hasChangelog;
      unlogged |= !hasChangelog;
    }
    if (!storesOnThisHost || stores.isEmpty()) {
      return;
    }
    JobConfig job = new JobConfig(config);
    String name;
    String id;
    try {
      name = job.getName();
      id = job.getId();
    } catch (ConfigException e) {
      return; // reported by the validator
    }
    if (logged) {
      checkDir(config, report, JobConfig.JOB_LOGGED_STORE_BASE_DIR, job.getLoggedStoreBaseDir(),
          StorageSettings.DEFAULT_LOGGED_STORE_BASE_DIR, name, id);
    }
    if (unlogged) {
      checkDir(config, report, JobConfig.JOB_NON_LOGGED_STORE_BASE_DIR, job.getNonLoggedStoreBaseDir(),
          StorageSettings.DEFAULT_NON_LOGGED_STORE_BASE_DIR, name, id);
    }
  }

  private static int poolSize(Config config) {
    try {
      return new JobConfig(config).getContainerThreadPoolSize();
    } catch (ConfigException e) {
      return 0; // reported by the validator
    }
  }

  private static void checkDir(Config config, Report report, String key, Optional<String> configured,
      Path defaultDir, String name, String id) {
    Path base = configured.map(Path::of).orElse(defaultDir).toAbsolutePath();
    Path jobDir = new StoreDirLayout(base, name, id).jobDir();
    FileErrors.problemWithDirectory(jobDir).ifPresent(reason -> report.problem(new ConfigProblem(key,
        config.sourceOf(key), "the job's stores cannot be kept in " + jobDir + ": " + reason
            + (configured.isEmpty() ? " (" + key + " is unset, so the default " + defaultDir + " under the"
            + " working dir applies)" : "") + "; expected a directory this user may write in")));
  }
}
