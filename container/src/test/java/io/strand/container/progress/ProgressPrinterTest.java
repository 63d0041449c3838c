package io.strand.container.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.progress.JobProgress.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void aShortJobGetsOnlyItsSummaryInLinesMode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicReference<JobProgress> now = new AtomicReference<>(new JobProgress(Phase.PROCESSING, 0, 0, 0, 5));
    ProgressPrinter printer = ProgressPrinter.start(() -> Optional.of(now.get()),
        new PrintStream(bytes, true, StandardCharsets.UTF_8), ProgressPrinter.Mode.LINES, true);
    now.set(new JobProgress(Phase.PROCESSING, 0, 0, 1_234, 0));
    printer.close();

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, out.lines().count(), out);
    assertEquals(true, out.startsWith("Processed 1,234 records in "), out);
  }

  @Test
  void nothingWhenTheRunnerCannotTellOrTheModeIsOff() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressPrinter.start(Optional::empty, out, ProgressPrinter.Mode.LINES, true).close();
    ProgressPrinter.start(() -> Optional.of(new JobProgress(Phase.PROCESSING, 0, 0, 9, 0)), out,
        ProgressPrinter.Mode.OFF, true).close();

    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void autoPrintsLinesForBoundedInputsOnlyWhenNotOnATerminal() {
    if (ProgressPrinter.isTerminal()) {
      assertEquals(ProgressPrinter.Mode.TERMINAL, ProgressPrinter.Mode.AUTO.resolve(false));
    } else {
      assertEquals(ProgressPrinter.Mode.LINES, ProgressPrinter.Mode.AUTO.resolve(true));
      assertEquals(ProgressPrinter.Mode.OFF, ProgressPrinter.Mode.AUTO.resolve(false));
    }
    assertEquals(ProgressPrinter.Mode.OFF, ProgressPrinter.Mode.OFF.resolve(true));
  }
}
