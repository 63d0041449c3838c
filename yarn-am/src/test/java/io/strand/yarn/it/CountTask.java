package io.strand.yarn.it;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.testkit.kill.KillThrottle;

/**
 * The YARN tests' stateful job: counts each input value (string serde) in the RocksDB store
 * {@value #STORE} (string key, decimal string count), whose changelog is what the tests read back.
 * {@link KillThrottle}'s keys ({@code test.throttle.*}) pause the task, so a test can act while
 * the job runs, until the test releases it; {@code test.fail.init=true} makes every task's
 * init fail, so every container start fails.
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class CountTask implements StreamTask, InitableTask {

  /** The store the counts are kept in. */
  public static final String STORE = "counts";

  private KeyValueStore<String, String> counts;
  private KillThrottle throttle;

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    if (config.getBoolean("test.fail.init", false)) {
      throw new IllegalStateException("test.fail.init is set: this task always fails to start");
    }
    counts = context.getTaskContext().getStore(STORE);
    throttle = KillThrottle.of(config::get);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    String key = (String) envelope.getMessage();
    String count = counts.get(key);
    counts.put(key, String.valueOf(count == null ? 1 : Long.parseLong(count) + 1));
    throttle.onRecord(); // deliberately slow, so a test can act while the job runs
  }
}
