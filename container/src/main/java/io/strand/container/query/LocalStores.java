package io.strand.container.query;

import io.strand.container.job.JobIdentity;
import io.strand.container.model.JobModel;
import io.strand.context.TaskName;
import io.strand.kv.StoreHandle;
import io.strand.storage.query.StoreUnavailableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's registry of running containers' stores, by job: what {@link QueryableState}'s views and
 * the HTTP endpoint read. A container registers once its stores are restored and unregisters
 * (waiting for reads in progress) before it closes them; a restarted container registers anew, so
 * views taken earlier keep working.
 *
 * <p>Threading: thread-safe.
 */
public final class LocalStores {

  private static final Map<JobIdentity, JobStores> JOBS = new ConcurrentHashMap<>();

  private LocalStores() {}

  /**
   * Registers a running container's stores.
   *
   * @param job the job
   * @param model the job model the container runs
   * @param containerId the container
   * @param handles the container's store handles, per task, by store name
   * @param formats how each store is queried, by store name
   * @return the registration; closing it unregisters, after the reads in progress end
   */
  public static AutoCloseable register(JobIdentity job, JobModel model, String containerId,
      Map<TaskName, Map<String, StoreHandle>> handles, Map<String, StoreFormat> formats) {
    ContainerStores stores = new ContainerStores(containerId, handles);
    // compute / computeIfPresent: adding and removing are atomic with the map's entry, so a job whose
    // last container leaves is dropped without losing a container that registers at the same time.
    JOBS.compute(job, (k, v) -> {
      JobStores jobStores = v == null ? new JobStores(k) : v;
      jobStores.add(model, stores, formats);
      return jobStores;
    });
    return () -> {
      JOBS.computeIfPresent(job, (k, v) -> {
        v.remove(stores);
        return v.isEmpty() ? null : v;
      });
      stores.close();
    };
  }

  /**
   * The stores of a job in this JVM.
   *
   * @param job the job
   * @return the job's stores
   * @throws StoreUnavailableException if no container of the job runs in this JVM
   */
  public static JobStores of(JobIdentity job) {
    JobStores stores = JOBS.get(job);
    if (stores == null) {
      throw new StoreUnavailableException("no container of job '" + job.name() + "' (id " + job.id()
          + ") runs in this JVM (not started, still restoring, or stopped)");
    }
    return stores;
  }
}
