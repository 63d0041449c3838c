package io.strand.samples.flights;

import io.strand.context.Context;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.task.EndOfStreamListenerTask;
import io.strand.task.InitableTask;
import io.strand.task.MessageCollector;
import io.strand.task.StreamTask;
import io.strand.task.TaskCoordinator;
import io.strand.task.WindowableTask;
import io.strand.testkit.kill.KillThrottle;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FlightDelayTask} slowed down for kill tests by a {@link KillThrottle} ({@code test.throttle.*}),
 * so a run lasts long enough for its kills however fast the machine is, and runs at full speed once
 * the test releases the throttle after them. Only flights count towards the throttle, not the
 * airports bootstrap. Everything else is the sample's task, unchanged.
 *
 * <p>For the kill tests' post-mortems it also logs, at DEBUG, what its hourly store held when it
 * started (the restored open windows, and any of an hour already closed, which would be emitted a
 * second time) and, per input message that closed hours, the hours and how many airports each.
 */
public final class ThrottledFlightDelayTask implements StreamTask, InitableTask, WindowableTask,
    EndOfStreamListenerTask {

  private static final Logger LOG = LoggerFactory.getLogger(ThrottledFlightDelayTask.class);

  private final FlightDelayTask task = new FlightDelayTask();
  private String taskName;
  private KillThrottle throttle;
  private String airportsStream;

  @Override
  public void init(Context context) {
    throttle = KillThrottle.of(context.getJobContext().getConfig()::get);
    airportsStream = context.getJobContext().getConfig().get(FlightDelayTask.AIRPORTS_STREAM, "airports");
    taskName = context.getTaskContext().getTaskName().name();
    if (LOG.isDebugEnabled()) {
      logRestoredWindows(context.getTaskContext().getStore(FlightDelayTask.HOURLY_STORE),
          context.getTaskContext().getStore(FlightDelayTask.PROGRESS_STORE));
    }
    task.init(context);
  }

  private void logRestoredWindows(KeyValueStore<String, DelayStats> windows, KeyValueStore<String, Long> progress) {
    Long closedBefore = progress.get(HourlyWindows.CLOSED_BEFORE_KEY);
    String closedLabel = closedBefore == null ? null : HourBuckets.label(closedBefore);
    TreeMap<String, Integer> byHour = new TreeMap<>();
    try (KeyValueIterator<String, DelayStats> it = windows.all()) {
      while (it.hasNext()) {
        Entry<String, DelayStats> e = it.next();
        byHour.merge(e.key().substring(0, e.key().indexOf('|')), 1, Integer::sum);
      }
    }
    LOG.debug("Task '{}' starts: closed before {}, open windows per hour {}", taskName, closedLabel, byHour);
    if (closedLabel != null && !byHour.headMap(closedLabel).isEmpty()) {
      LOG.warn("Task '{}' starts with windows of hours already closed (before {}): {}", taskName, closedLabel,
          byHour.headMap(closedLabel));
    }
  }

  @Override
  public void process(IncomingMessageEnvelope envelope, MessageCollector collector, TaskCoordinator coordinator) {
    if (LOG.isDebugEnabled()) {
      TreeMap<String, Integer> closed = new TreeMap<>();
      task.process(envelope, out -> {
        if (out.getMessage() instanceof AirportHourlyDelay h) {
          closed.merge(h.hour(), 1, Integer::sum);
        }
        collector.send(out);
      }, coordinator);
      if (!closed.isEmpty()) {
        LOG.debug("Task '{}' at {} offset {} closed hours {}", taskName, envelope.getSystemStreamPartition(),
            envelope.getOffset(), closed);
      }
    } else {
      task.process(envelope, collector, coordinator);
    }
    // Flights only: the airports bootstrap (3,376 records per task, read again at every restart)
    // is not what a kill must land in, and throttling it made each (re)start seconds slower.
    if (!envelope.getSystemStreamPartition().getStream().equals(airportsStream)) {
      throttle.onRecord();
    }
  }

  @Override
  public void window(MessageCollector collector, TaskCoordinator coordinator) {
    task.window(collector, coordinator);
  }

  @Override
  public void onEndOfStream(MessageCollector collector, TaskCoordinator coordinator) {
    task.onEndOfStream(collector, coordinator);
  }
}
