package io.strand.container.runloop;

import io.strand.context.Context;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.AsyncStreamTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.TaskCallback;
import io.strand.task.TaskCoordinator;
import io.strand.task.TaskCoordinator.RequestScope;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes each message on another thread after a delay that shrinks within each group of four,
 * so completions come out of order; records {@code done:<offset>} and the peak number in flight
 * ({@code peak:<n>} on each new peak); asks for a commit every 50 messages. With
 * {@code test.fail.offset=k} it holds message k, completes the later ones, and fails k when
 * message k+3 arrives. With {@code test.output.topic} each completion first sends the message's
 * offset there from the completing thread, as a task calling a remote service would.
 */
public final class OutOfOrderAsyncTask implements AsyncStreamTask, InitableTask {

  private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "test-async-completer");
    t.setDaemon(true);
    return t;
  });

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private Queue<String> events;
  private long failOffset;
  private TaskCallback held;
  private SystemStream output;

  @Override
  public void init(Context context) {
    events = ContainerHarness.events(context.getJobContext().getJobName());
    failOffset = context.getJobContext().getConfig().getLong("test.fail.offset", -1);
    output = context.getJobContext().getConfig().get("test.output.topic").map(t -> new SystemStream("kafka", t))
        .orElse(null);
  }

  @Override
  public void processAsync(IncomingMessageEnvelope env, MessageCollector collector, TaskCoordinator coordinator,
      TaskCallback callback) {
    long offset = env.offsetAsLong();
    int now = inFlight.incrementAndGet();
    if (now > peak.get()) {
      peak.set(now);
      events.add("peak:" + now);
    }
    if (failOffset >= 0) {
      if (offset == 2) {
        coordinator.commit(RequestScope.CURRENT_TASK);
      }
      if (offset == failOffset) {
        held = callback;
        return;
      }
      if (offset == failOffset + 3) {
        finish(offset, callback, collector);
        inFlight.decrementAndGet();
        held.failure(new IllegalStateException("remote call for offset " + failOffset + " failed"));
        return;
      }
      finish(offset, callback, collector);
      return;
    }
    if (offset % 50 == 49) {
      coordinator.commit(RequestScope.CURRENT_TASK);
    }
    long delayMs = 2 + 4 * (3 - offset % 4);
    TIMER.schedule(() -> finish(offset, callback, collector), delayMs, TimeUnit.MILLISECONDS);
  }

  private void finish(long offset, TaskCallback callback, MessageCollector collector) {
    if (output != null) {
      collector.send(new OutgoingMessageEnvelope(output, String.valueOf(offset), String.valueOf(offset)));
    }
    events.add("done:" + offset);
    inFlight.decrementAndGet();
    callback.complete();
  }
}
