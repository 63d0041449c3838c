package io.strand.changelog;

import io.strand.changelog.InstanceRestorer.Prepared;
import io.strand.changelog.InstanceRestorer.Replayed;
import io.strand.changelog.restore.BoundedParallel;
import io.strand.changelog.restore.ChangelogRestoreException;
import io.strand.changelog.restore.RestoreResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;

/**
 * Restores the store instances of a container so that the replay threads spend their time reading
 * changelogs. Store threads look up every changelog partition's offsets at once, then open the
 * instances ahead of the replays, in the order the replays take them ({@link
 * InstanceRestorer#prepare}), and finish each one after its replay ({@link
 * InstanceRestorer#finish}); the replay threads take the next instance, ready their consumer for
 * it while it is being opened ({@link InstanceRestorer#connect}), and read its changelog ({@link
 * InstanceRestorer#replay}). Opening and finishing mostly wait on the disk (a
 * RocksDB open, a bulk load's start and its closing flush each write and sync files, 5-15 ms per
 * instance), and a replay thread used to wait through them for every instance it restored.
 *
 * <p>Threading: {@link #run} blocks its caller; it uses {@code threads} replay threads and as many
 * store threads, all stopped when it returns or throws, so no thread still touches a store the
 * caller may close.
 */
final class RestorePipeline {

  private RestorePipeline() {}

  /**
   * Opens and restores every instance.
   *
   * @param restorer does the steps
   * @param consumers the restore consumers, one per thread
   * @param instances the container's instances, logged or not
   * @param checkpointed the checkpointed changelog offset of each logged instance that has one
   * @param toChangelogEnd instances without one that are restored to their changelog's end
   *     (see {@link InstanceRestorer#prepare})
   * @param threads replay threads, and store threads, at least 1
   * @param threadName prefix of the threads' names
   * @return one result per instance, in the order of {@code instances}
   * @throws ChangelogRestoreException wrapping the first failure, or if interrupted
   */
  static List<RestoreResult> run(InstanceRestorer restorer, RestoreConsumers consumers, List<StoreInstance> instances,
      Map<StoreInstance, Long> checkpointed, Set<StoreInstance> toChangelogEnd, int threads, String threadName) {
    ExecutorService storeThreads = BoundedParallel.newPool(threads, threadName + "-store");
    try {
      List<LoggedStoreInstance> logged = new ArrayList<>();
      List<UnloggedStoreInstance> unloggedInstances = new ArrayList<>();
      for (StoreInstance instance : instances) {
        if (instance instanceof LoggedStoreInstance l) {
          logged.add(l);
        } else if (instance instanceof UnloggedStoreInstance u) {
          unloggedInstances.add(u);
        }
      }
      // The offset lookup first: every prepare waits for it, so queued behind the unlogged opens it
      // held a store thread idle in a prepare for the time of those opens (a first start of the
      // flights job: 8 unlogged opens, then the lookup, before any of its 24 logged instances).
      Future<Map<TopicPartition, ChangelogRange>> ranges = logged.isEmpty() ? null
          : storeThreads.submit(() -> ChangelogRange.lookUp(logged, consumers));
      Map<StoreInstance, Future<RestoreResult>> unlogged = new HashMap<>();
      unloggedInstances.forEach(u -> unlogged.put(u, storeThreads.submit(() -> restorer.openUnlogged(u))));
      List<Callable<Future<RestoreResult>>> replays = new ArrayList<>();
      for (LoggedStoreInstance instance : logged) {
        Future<Prepared> prepared = storeThreads.submit(() -> restorer.prepare(instance, checkpointed.get(instance),
            toChangelogEnd.contains(instance), await(ranges).get(instance.partition())));
        replays.add(() -> {
          // An empty changelog partition has nothing to replay (the replay returns before using a
          // consumer): no consumer is made or assigned for it, so a first start makes none at all.
          if (!await(ranges).get(instance.partition()).isEmpty()) {
            restorer.connect(instance, consumers);
          }
          Replayed replayed = restorer.replay(await(prepared), consumers);
          return storeThreads.submit(() -> restorer.finish(replayed));
        });
      }
      Iterator<Future<RestoreResult>> finished = BoundedParallel.runAll(replays, threads, threadName).iterator();
      List<Future<RestoreResult>> done = new ArrayList<>();
      instances.forEach(i -> done.add(i instanceof LoggedStoreInstance ? finished.next() : unlogged.get(i)));
      List<RestoreResult> results = new ArrayList<>();
      for (Future<RestoreResult> result : done) {
        results.add(await(result));
      }
      return results;
    } finally {
      BoundedParallel.stop(storeThreads);
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ChangelogRestoreException("restore failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChangelogRestoreException("interrupted while restoring stores", e);
    }
  }
}
