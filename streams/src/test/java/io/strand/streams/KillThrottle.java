package io.strand.streams;

import io.strand.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kill tests' throttle, inside the job: sleeps {@code test.throttle.ms} every
 * {@code test.throttle.every} records (per container), until the file {@code test.throttle.until.file}
 * exists. {@link ProcessKills} creates that file after its last kill, so the job is slow while the
 * kills land and then runs to its end at full speed: however fast the machine, a bounded job cannot
 * finish before every kill (a fixed throttle could, and did, once the runtime got faster).
 *
 * <p>Called on the task's thread; the counter is shared by a container's tasks. The file is looked
 * for only when a sleep is due, and never again once found.
 */
final class KillThrottle {

  static final String EVERY = "test.throttle.every";
  static final String SLEEP_MS = "test.throttle.ms";
  static final String UNTIL_FILE = "test.throttle.until.file";

  private final long every;
  private final long sleepMs;
  private final Path until;
  private final AtomicLong seen = new AtomicLong();
  private volatile boolean released;

  private KillThrottle(long every, long sleepMs, Path until) {
    this.every = every;
    this.sleepMs = sleepMs;
    this.until = until;
  }

  /** The throttle the config asks for; one that never sleeps when {@code test.throttle.every} is absent or 0. */
  static KillThrottle of(Config config) {
    return new KillThrottle(config.getLong(EVERY, 0), config.getLong(SLEEP_MS, 0),
        config.get(UNTIL_FILE).map(Path::of).orElse(null));
  }

  /** Whether this throttle ever sleeps. */
  boolean active() {
    return every > 0 && sleepMs > 0;
  }

  /** Counts one record and sleeps when one is due and the kills are not over. */
  void onRecord() {
    if (!active() || released || seen.incrementAndGet() % every != 0) {
      return;
    }
    if (until != null && Files.exists(until)) {
      released = true;
      return;
    }
    WindowsApp.sleep(sleepMs);
  }
}
