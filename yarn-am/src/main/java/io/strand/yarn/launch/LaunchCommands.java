package io.strand.yarn.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;

/**
 * The shell command and environment YARN runs for the AM or a container, in one of two modes:
 *
 * <ul>
 *   <li>package mode: {@code ./__package/bin/<script> <args>}, the script from the job package
 *       starting {@code $JAVA_HOME/bin/java $JAVA_OPTS -cp "__package/lib/*"} (the NodeManager's
 *       {@code JAVA_HOME}, as for any YARN application);</li>
 *   <li>class-path mode ({@code strand.yarn.classpath}): {@code $JAVA_HOME/bin/java <opts>
 *       <main class> <args>} with that class path in {@code CLASSPATH} and this JVM's
 *       {@code java.home} as {@code JAVA_HOME}: for tests and one-machine development.</li>
 * </ul>
 * Output goes to {@code <LOG_DIR>/stdout} and {@code stderr}. Without {@code -Xmx} in the options,
 * the JVM gets {@value #HEAP_PERCENT}% of the container's memory, so its heap plus off-heap stays
 * under YARN's physical-memory limit.
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param command the shell command line
 * @param environment the environment variables to set
 */
public record LaunchCommands(String command, Map<String, String> environment) {

  /** Share of the container memory given to the heap when the options set none, in percent. */
  public static final int HEAP_PERCENT = 70;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  /** Copies the environment. */
  public LaunchCommands {
    environment = Map.copyOf(environment);
  }

  /**
   * Builds the launch of one JVM.
   *
   * @param classpath the class path in class-path mode, or empty for package mode
   * @param script the package's script for this JVM, for example {@code run-container.sh}
   * @param mainClass the main class the script runs, used directly in class-path mode
   * @param jvmOptions the JVM options as written by the user (shell syntax), may be blank
   * @param memoryMb the container's memory, for the default heap
   * @param args the program's arguments
   * @param extraEnvironment variables every launch carries, for example the config's URI
   * @return the command and environment
   */
  public static LaunchCommands build(Optional<String> classpath, String script, String mainClass, String jvmOptions,
      int memoryMb, List<String> args, Map<String, String> extraEnvironment) {
    String opts = jvmOptions == null ? "" : jvmOptions.trim();
    if (!opts.contains("-Xmx")) {
      opts = ("-Xmx" + Math.max(64, memoryMb * HEAP_PERCENT / 100) + "m " + opts).trim();
    }
    Map<String, String> env = new LinkedHashMap<>(extraEnvironment);
    List<String> words = new ArrayList<>();
    if (classpath.isPresent()) {
      env.put(Environment.JAVA_HOME.name(), System.getProperty("java.home"));
      env.put(Environment.CLASSPATH.name(), Environment.PWD.$$() + ApplicationConstants.CLASS_PATH_SEPARATOR
          + classpath.get());
      words.add(Environment.JAVA_HOME.$$() + "/bin/java");
      words.add(opts);
      words.add(mainClass);
    } else {
      env.put("JAVA_OPTS", opts);
      words.add("./" + JobFiles.PACKAGE_DIR + "/bin/" + script);
    }
    args.forEach(a -> words.add(quote(a)));
    words.add("1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout");
    words.add("2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
    return new LaunchCommands(String.join(" ", words), env);
  }

  // Arguments are ids and URLs; quote anything else so the shell passes it as one word.
  static String quote(String arg) {
    return SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
