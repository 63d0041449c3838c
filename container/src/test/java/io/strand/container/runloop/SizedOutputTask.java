package io.strand.container.runloop;

import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import java.util.Random;

/**
 * For a message {@code send:<n>}, sends {@code n} random letters (incompressible enough for lz4)
 * to {@code kafka.<test.output>}.
 */
public final class SizedOutputTask implements StreamTask, InitableTask {

  private SystemStream output;
  private final Random random = new Random(42);

  @Override
  public void init(Context context) {
    output = new SystemStream("kafka", context.getJobContext().getConfig().getRequired("test.output"));
  }

  @Override
  public void process(IncomingMessageEnvelope env, MessageCollector collector, TaskCoordinator coordinator) {
    String m = (String) env.getMessage();
    int n = Integer.parseInt(m.substring("send:".length()));
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    collector.send(new OutgoingMessageEnvelope(output, s.toString()));
  }
}
