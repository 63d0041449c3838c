package io.strand.container.testjobs;

import io.strand.config.Config;
import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.testkit.kill.KillThrottle;
import java.util.HashSet;
import java.util.Set;

/**
 * A stateless test job: each input value is a whole number n (string serde); multiples of 3 are
 * dropped, the rest become {@code 2n}, sent to {@code test.output} with key
 * {@code <input partition>:<input offset>} so a test can tell duplicates from distinct records.
 *
 * <p>Optional: {@code test.firsts} ({@code system.stream}) receives, per input partition, the
 * first offset this task instance saw, as {@code <pid>:<offset>} keyed by partition (to show
 * where a restarted container resumed); {@link KillThrottle}'s keys ({@code test.throttle.*}) pause
 * the task, so a test can act while the job runs, until the test releases it.
 *
 * <p>Threading: one instance per task, called by its container's run loop only.
 */
public final class FilterMapTask implements StreamTask, InitableTask {

  private SystemStream output;
  private SystemStream firsts;
  private KillThrottle throttle;
  private final Set<SystemStreamPartition> started = new HashSet<>();

  @Override
  public void init(Context context) {
    Config config = context.getJobContext().getConfig();
    output = SystemStream.parse(config.getRequired("test.output"));
    firsts = config.get("test.firsts").map(SystemStream::parse).orElse(null);
    throttle = KillThrottle.of(config::get);
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    SystemStreamPartition ssp = envelope.getSystemStreamPartition();
    int partition = ssp.partition().id();
    if (firsts != null && started.add(ssp)) {
      collector.send(new OutgoingMessageEnvelope(firsts, String.valueOf(partition),
          ProcessHandle.current().pid() + ":" + envelope.getOffset()));
    }
    long n = Long.parseLong((String) envelope.getMessage());
    if (n % 3 != 0) {
      collector.send(new OutgoingMessageEnvelope(output, partition + ":" + envelope.getOffset(), String.valueOf(2 * n)));
    }
    throttle.onRecord(); // deliberately slow, so a test can kill the container mid-run
  }
}
