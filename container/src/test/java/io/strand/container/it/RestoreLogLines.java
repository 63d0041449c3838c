package io.strand.container.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container's one DEBUG line per restored store instance, parsed from a container log: what a
 * test of a child JVM can see of each restore (its log config must enable that DEBUG line, as
 * {@code log4j2-restore-lines.xml} does for {@link CountingJob}).
 *
 * @param start which start of the container the line belongs to (1 for the first)
 * @param task the task name
 * @param restoredRecords changelog records replayed
 * @param how "reused local state at ...", "full restore ..." or "no changelog ..."
 * @param trimmedKeys keys written after the checkpoint, written back
 */
record RestoreLogLines(int start, String task, long restoredRecords, String how, long trimmedKeys) {

  private static final Pattern START = Pattern.compile("^=== .* start (\\d+) of container ");
  private static final Pattern RESTORED = Pattern.compile(
      "restored store '[^']+' of task '([^']+)': (\\d+) records in \\d+ ms, (.*), (\\d+) keys trimmed");

  boolean reusedLocalState() {
    return how.startsWith("reused local state");
  }

  boolean fullRestore() {
    return how.startsWith("full restore");
  }

  static List<RestoreLogLines> parse(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<RestoreLogLines> found = new ArrayList<>();
    int start = 0;
    for (String line : lines) {
      Matcher s = START.matcher(line);
      if (s.find()) {
        start = Integer.parseInt(s.group(1));
        continue;
      }
      Matcher m = RESTORED.matcher(line);
      if (m.find()) {
        found.add(new RestoreLogLines(start, m.group(1), Long.parseLong(m.group(2)), m.group(3),
            Long.parseLong(m.group(4))));
      }
    }
    return found;
  }
}
