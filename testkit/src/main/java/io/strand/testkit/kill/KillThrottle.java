package io.strand.testkit.kill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The test jobs' throttle, inside the job: sleeps {@code test.throttle.ms} every
 * {@code test.throttle.every} records (counted per instance), until the file
 * {@code test.throttle.until.file} exists (never released without that key). The test creates the
 * file once what it needs the job to be slow for has happened ({@link KillLoop} does after its
 * last kill), so the job runs to its end at full speed: however fast the machine, a bounded job
 * cannot end before the test acts (a fixed throttle could, and did, once the runtime got faster),
 * and the rest of the run costs no more than the job itself.
 *
 * <p>Threading: {@link #onRecord} may be called by several threads (one instance shared by a
 * container's tasks, as the streams apps do). The file is looked for only when a sleep is due, and
 * never again once found.
 */
public final class KillThrottle {

  /** Records between sleeps; absent or 0: no throttle. */
  public static final String EVERY = "test.throttle.every";
  /** Each sleep, ms. */
  public static final String SLEEP_MS = "test.throttle.ms";
  /** The release file: once it exists the throttle no longer sleeps. */
  public static final String UNTIL_FILE = "test.throttle.until.file";

  private final long every;
  private final long sleepNanos;
  private final Path until;
  private final AtomicLong seen = new AtomicLong();
  private volatile boolean released;

  private KillThrottle(long every, long sleepMs, Path until) {
    this.every = every;
    this.sleepNanos = TimeUnit.MILLISECONDS.toNanos(sleepMs);
    this.until = until;
  }

  /**
   * The throttle a job config asks for.
   *
   * @param config the job's config, as a lookup ({@code config::get} of a strand {@code Config})
   * @return the throttle; one that never sleeps when {@link #EVERY} or {@link #SLEEP_MS} is absent or 0
   * @throws NumberFormatException when a count is not a whole number
   */
  public static KillThrottle of(Function<String, Optional<String>> config) {
    return new KillThrottle(config.apply(EVERY).map(Long::parseLong).orElse(0L),
        config.apply(SLEEP_MS).map(Long::parseLong).orElse(0L), config.apply(UNTIL_FILE).map(Path::of).orElse(null));
  }

  /**
   * The config keys of a throttle released by the file {@code release}.
   *
   * @param every records between sleeps, per task (or per container where the app shares one)
   * @param sleepMs each sleep, ms
   * @param release the release file (it must not exist yet)
   * @return the keys to add to the job's config
   */
  public static Map<String, String> keys(int every, int sleepMs, Path release) {
    Map<String, String> keys = new HashMap<>();
    keys.put(EVERY, Integer.toString(every));
    keys.put(SLEEP_MS, Integer.toString(sleepMs));
    keys.put(UNTIL_FILE, release.toString());
    return keys;
  }

  /**
   * The release file a job config names.
   *
   * @param config the job's config, as a lookup
   * @return the file
   * @throws IllegalArgumentException when the config has no {@link #UNTIL_FILE}
   */
  public static Path releaseFile(Function<String, Optional<String>> config) {
    return config.apply(UNTIL_FILE).map(Path::of).orElseThrow(() -> new IllegalArgumentException(
        "the job has no " + UNTIL_FILE + ": add KillThrottle.keys(...) to its config"));
  }

  /** Whether this throttle ever sleeps. */
  public boolean active() {
    return every > 0 && sleepNanos > 0;
  }

  /** Counts one record and sleeps when a sleep is due and the throttle is not released. */
  public void onRecord() {
    if (!active() || released || seen.incrementAndGet() % every != 0) {
      return;
    }
    if (until != null && Files.exists(until)) {
      released = true;
      return;
    }
    LockSupport.parkNanos(sleepNanos);
  }
}
