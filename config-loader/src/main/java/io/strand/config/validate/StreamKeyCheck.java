package io.strand.config.validate;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.OutputStreamConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.SystemConfig;
import io.strand.config.view.TaskConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks the stream-level keys {@code systems.<s>.streams.<t>.<setting>} and
 * {@code systems.<s>.default.stream.<setting>} against the streams the job reads.
 *
 * <p>The rule, and why (the README's "Systems and streams" section says the same):
 * <ul>
 *   <li>an input-only setting ({@link SystemConfig#INPUT_STREAM_SETTINGS}: offset default, reset,
 *       bootstrap, priority, {@code strand.bounded}) for a stream that is neither in
 *       {@code task.inputs} nor in {@code task.broadcast.inputs} is an <b>error</b>: it can do
 *       nothing, and is almost always a typo or a stream renamed in one place only (a bounded
 *       flag left behind makes the job run unbounded);</li>
 *   <li>an unknown {@code strand.*} setting is an <b>error</b> (Strand owns that namespace);</li>
 *   <li>topic-creation settings ({@code partitions}, {@code replication.factor}, Kafka topic
 *       configs) on a stream the job reads are a <b>warning</b>: Strand never creates or alters
 *       inputs, so they are ignored, but a config file shared by several jobs may hold them
 *       legitimately;</li>
 *   <li>{@code samza.*} / {@code strand.*} settings under {@code default.stream.} are a
 *       <b>warning</b>: Strand reads the system-level keys ({@code systems.<s>.samza.*}) instead;</li>
 *   <li>any other setting (serdes, topic-creation settings) for a stream the job does not read is
 *       accepted: outputs are not declared in a Samza job (a task may send to any stream), so such
 *       a key is taken as an output's settings.</li>
 * </ul>
 * Values are checked too: {@code strand.bounded} is a boolean, {@code partitions} and
 * {@code replication.factor} are positive whole numbers, {@code strand.outputs.create} a boolean.
 *
 * <p>Threading: stateless.
 */
final class StreamKeyCheck {

  private static final List<String> MARKS = List.of(".samza.", ".strand.");

  private StreamKeyCheck() {
  }

  /**
   * Runs the checks.
   *
   * @param config the whole job configuration
   * @param problems collects errors
   * @param warnings collects warnings
   */
  static void check(Config config, ProblemCollector problems, List<ConfigProblem> warnings) {
    OutputStreamConfig outputs = new OutputStreamConfig(config);
    problems.get(outputs::isCreateOutputs);
    Set<StreamName> inputs = inputs(config);
    SystemConfig systems = new SystemConfig(config);
    for (String system : systems.getSystemNames()) {
      problems.get(() -> outputs.getDefaultPartitions(system));
      problems.get(() -> outputs.getDefaultReplicationFactor(system));
      checkDefaults(config, system, warnings);
      for (Map.Entry<String, String> e : outputs.getStreamKeys(system).entrySet()) {
        checkStreamKey(config, outputs, system, e.getKey(), inputs, problems, warnings);
      }
    }
  }

  private static void checkDefaults(Config config, String system, List<ConfigProblem> warnings) {
    String prefix = SystemConfig.systemKey(system, OutputStreamConfig.DEFAULT_STREAM_INFIX);
    for (String setting : config.subset(prefix).keySet()) {
      if (OutputStreamConfig.isFrameworkSetting(setting)) {
        warnings.add(problem(config, prefix + setting, "ignored: Strand does not read " + setting
            + " under default.stream; set " + SystemConfig.systemKey(system, setting)
            + " for the whole system, or systems." + system + ".streams.<stream>." + setting + " per stream"));
      }
    }
  }

  private static void checkStreamKey(Config config, OutputStreamConfig outputs, String system, String rest,
      Set<StreamName> inputs, ProblemCollector problems, List<ConfigProblem> warnings) {
    String key = SystemConfig.systemKey(system, SystemConfig.STREAMS_INFIX) + rest;
    StreamKey parsed = parse(system, rest, inputs);
    String setting = parsed.setting();
    if (parsed.stream() == null) {
      // No stream we know and no samza./strand. mark: an output's topic settings.
      checkNumber(outputs, system, rest, problems);
      return;
    }
    boolean read = inputs.contains(parsed.stream());
    if (setting.startsWith("strand.") && !SystemConfig.STRAND_STREAM_SETTINGS.contains(setting)) {
      problems.add(problem(config, key, "unknown Strand stream setting '" + setting + "'; expected one of "
          + String.join(", ", new TreeSet<>(SystemConfig.STRAND_STREAM_SETTINGS))));
    } else if (SystemConfig.INPUT_STREAM_SETTINGS.contains(setting) && !read && !inputs.isEmpty()) {
      problems.add(problem(config, key, "sets " + setting + " for stream '" + parsed.stream()
          + "', which the job does not read; " + setting + " applies to inputs only. The job reads "
          + describe(inputs) + " (" + TaskConfig.TASK_INPUTS + ", " + TaskConfig.TASK_BROADCAST_INPUTS
          + "); fix the stream name or remove the key"));
    } else if (read && !OutputStreamConfig.isFrameworkSetting(setting)) {
      warnings.add(problem(config, key, "ignored: '" + parsed.stream() + "' is an input of the job, and Strand"
          + " creates only missing output topics (inputs must exist); " + setting + " does nothing here"));
    }
    if (SystemConfig.STRAND_BOUNDED.equals(setting)) {
      problems.get(() -> config.getBoolean(key, false));
    } else if (!OutputStreamConfig.isFrameworkSetting(setting)) {
      checkNumber(outputs, system, rest, problems);
    }
  }

  /** Checks {@code <t>.partitions} and {@code <t>.replication.factor} values. */
  private static void checkNumber(OutputStreamConfig outputs, String system, String rest, ProblemCollector problems) {
    String partitions = "." + OutputStreamConfig.PARTITIONS;
    String replication = "." + OutputStreamConfig.REPLICATION_FACTOR;
    if (rest.endsWith(partitions) && rest.length() > partitions.length()) {
      StreamName stream = new StreamName(system, rest.substring(0, rest.length() - partitions.length()));
      problems.get(() -> outputs.getPartitions(stream));
    } else if (rest.endsWith(replication) && rest.length() > replication.length()) {
      StreamName stream = new StreamName(system, rest.substring(0, rest.length() - replication.length()));
      problems.get(() -> outputs.getReplicationFactor(stream));
    }
  }

  /** A stream key split into stream and setting; the stream is null when it cannot be told. */
  private record StreamKey(StreamName stream, String setting) { }

  /**
   * Splits {@code <t>.<setting>}. Stream names may hold dots, so: a {@code samza.} or
   * {@code strand.} setting starts at the last such mark (as {@link SystemConfig#getConfiguredStreams});
   * otherwise the stream is the longest input whose name prefixes the key, if any.
   */
  private static StreamKey parse(String system, String rest, Set<StreamName> inputs) {
    int mark = -1;
    for (String m : MARKS) {
      mark = Math.max(mark, rest.lastIndexOf(m));
    }
    if (mark > 0) {
      return new StreamKey(new StreamName(system, rest.substring(0, mark)), rest.substring(mark + 1));
    }
    if (rest.startsWith("samza.") || rest.startsWith("strand.")) {
      return new StreamKey(null, rest);
    }
    StreamName longest = null;
    for (StreamName input : inputs) {
      if (input.system().equals(system) && rest.startsWith(input.stream() + ".")
          && (longest == null || input.stream().length() > longest.stream().length())) {
        longest = input;
      }
    }
    return longest == null ? new StreamKey(null, rest)
        : new StreamKey(longest, rest.substring(longest.stream().length() + 1));
  }

  /**
   * The streams the job reads; empty when the input keys are missing or broken (reported
   * elsewhere), which turns the input-only check off rather than flag every stream.
   */
  private static Set<StreamName> inputs(Config config) {
    TaskConfig task = new TaskConfig(config);
    Set<StreamName> inputs = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    try {
      inputs.addAll(task.getInputs());
      task.getBroadcastInputs().stream().map(BroadcastInput::stream).forEach(inputs::add);
    } catch (ConfigException e) {
      return Set.of();
    }
    return inputs;
  }

  private static String describe(Set<StreamName> inputs) {
    return inputs.isEmpty() ? "no streams" : inputs.stream().map(StreamName::toString).collect(Collectors.joining(", "));
  }

  private static ConfigProblem problem(Config config, String key, String what) {
    return new ConfigProblem(key, config.sourceOf(key), what);
  }
}
