package io.strand.container.input;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;
import io.strand.config.validate.ConfigCheck;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import io.strand.system.SystemStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validation of {@value BadMessagePolicy#DEAD_LETTER_STREAM}: of the form {@code system.stream},
 * on a configured system, and not one of the job's inputs ({@code task.inputs},
 * {@code task.broadcast.inputs}). A dead-letter stream the job reads would loop: each bad message
 * is read back from it, fails again and is dead-lettered again, forever.
 *
 * <p>Threading: stateless.
 */
public final class DeadLetterCheck implements ConfigCheck {

  /** Creates the check. */
  public DeadLetterCheck() {}

  @Override
  public void check(Config config, Report report) {
    String key = BadMessagePolicy.DEAD_LETTER_STREAM;
    Optional<SystemStream> stream = BadMessagePolicy.fromConfig(config).deadLetterStream();
    if (stream.isEmpty()) {
      return;
    }
    SystemStream dlq = stream.get();
    Set<String> systems = new SystemConfig(config).getSystemNames();
    if (!systems.contains(dlq.getSystem())) {
      report.problem(new ConfigProblem(key, config.sourceOf(key), "names system '" + dlq.getSystem()
          + "', which has no systems." + dlq.getSystem() + ".* configuration; expected one of " + systems));
    }
    TaskConfig task = new TaskConfig(config);
    List<StreamName> inputs = new ArrayList<>(task.getInputs());
    task.getBroadcastInputs().stream().map(BroadcastInput::stream).forEach(inputs::add);
    for (StreamName input : inputs) {
      if (input.system().equals(dlq.getSystem()) && input.stream().equals(dlq.getStream())) {
        report.problem(new ConfigProblem(key, config.sourceOf(key), "names " + input + ", an input of the job ("
            + TaskConfig.TASK_INPUTS + " / " + TaskConfig.TASK_BROADCAST_INPUTS + "): every message that cannot be"
            + " deserialized would be read back from it and dead-lettered again, forever; expected a stream the job"
            + " does not read"));
        return;
      }
    }
  }
}
