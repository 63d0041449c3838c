package io.strand.changelog.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on a pool of at most a given number of threads and waits for all of them: the stores
 * of a container restore in parallel, one consumer per thread, so the number of consumers (and so
 * fetch buffers) alive at once stays bounded. When a job fails, the jobs not yet started
 * are cancelled, the running ones are interrupted, and the first failure is thrown once every
 * thread has stopped, so no thread still touches a store the caller is about to close.
 *
 * <p>Threading: {@link #runAll} blocks its caller; the pool lives only for that call.
 */
public final class BoundedParallel {

  private BoundedParallel() {}

  /**
   * Runs every job.
   *
   * @param jobs the jobs
   * @param threads the pool size, at least 1
   * @param threadName prefix of the pool's thread names
   * @param <T> the result type
   * @return the results, in the jobs' order
   * @throws ChangelogRestoreException wrapping the first failure (the others are suppressed), or
   *     if interrupted
   */
  public static <T> List<T> runAll(List<Callable<T>> jobs, int threads, String threadName) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = newPool(Math.min(threads, jobs.size()), threadName);
    List<Future<T>> futures = new ArrayList<>();
    try {
      for (Callable<T> job : jobs) {
        futures.add(pool.submit(job));
      }
      List<T> results = new ArrayList<>();
      Throwable failure = null;
      for (Future<T> future : futures) {
        try {
          if (failure == null) {
            results.add(future.get());
          } else {
            future.get();
          }
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
            // Cancelling also interrupts running jobs; the finally block waits for their threads.
            futures.forEach(f -> f.cancel(true));
          } else if (e.getCause() != failure) {
            failure.addSuppressed(e.getCause());
          }
        } catch (CancellationException e) {
          // cancelled after the first failure
        }
      }
      if (failure != null) {
        if (failure instanceof ChangelogRestoreException r) {
          throw r;
        }
        throw new ChangelogRestoreException("restore failed: " + failure, failure);
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChangelogRestoreException("interrupted while restoring stores", e);
    } finally {
      stop(pool);
    }
  }

  /**
   * A fixed pool of daemon threads named {@code threadName-1}, {@code threadName-2}, ...
   *
   * @param threads the pool size; below 1 means 1
   * @param threadName prefix of the threads' names
   * @return the pool; stop it with {@link #stop}
   */
  public static ExecutorService newPool(int threads, String threadName) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return Executors.newFixedThreadPool(Math.max(1, threads), factory);
  }

  /**
   * Cancels a pool's queued jobs, interrupts its running ones and waits up to a minute for its
   * threads to stop, so none still touches a store its caller is about to close.
   *
   * @param pool the pool
   */
  public static void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
