package io.strand.yarn.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container's DEBUG line per restored store instance, as a YARN container wrote it to its
 * {@code stderr}: what a test can see of a restore besides the meters the container reports.
 *
 * <p>Threading: an immutable value.
 *
 * @param task the task name
 * @param restoredRecords changelog records replayed
 * @param how "reused local state at ...", "full restore ..." or "no changelog ..."
 * @param trimmedKeys keys written after the checkpoint, written back
 */
record RestoreLine(String task, long restoredRecords, String how, long trimmedKeys) {

  private static final Pattern RESTORED = Pattern.compile(
      "restored store '[^']+' of task '([^']+)': (\\d+) records in \\d+ ms, (.*), (\\d+) keys trimmed");

  boolean reusedLocalState() {
    return how.startsWith("reused local state");
  }

  static List<RestoreLine> parse(Path log) {
    List<RestoreLine> found = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(log)) {
        Matcher m = RESTORED.matcher(line);
        if (m.find()) {
          found.add(new RestoreLine(m.group(1), Long.parseLong(m.group(2)), m.group(3), Long.parseLong(m.group(4))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
