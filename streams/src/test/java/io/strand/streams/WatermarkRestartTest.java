package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Watermarks are state: a job stopped after its watermark closed a window, restarted with a fresh
 * local store directory (so everything comes back from the changelogs, as on a new machine),
 * finds a record for that window late (side output) instead of opening the window again.
 */
@RealKafka
class WatermarkRestartTest {

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @Test
  void theWatermarkDoesNotGoBackAfterARestart(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("wm-restart-in");
    String out = in + "-out";
    String jobName = "wm-restart-" + in;
    Map<String, String> settings = Map.of("job.name", jobName, "test.in", in, "test.out", out, "test.kind", "time",
        "test.size.ms", "1000", "systems.kafka.samza.key.serde", "string",
        "systems.kafka.samza.msg.serde", "string");

    JobTestResult first = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .input(in, 1, List.of(TestRecord.at(0, "k0", "500"), TestRecord.at(0, "k0", "5000")))
        .runUntil(r -> r.output(out).size() >= 1, DEADLINE);
    assertEquals(List.of("1"), first.outputValues(out), "window [0, 1000) closed by the watermark at 5000");

    kafka.client().createTopic(out + "-late", 1); // polled before anything is late
    kafka.client().produce(in, 0, "k0", "700");
    JobTestResult second = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .runUntil(r -> r.output(out).size() >= 2 || r.outputValues(out + "-late").contains("700"), DEADLINE);
    assertEquals(List.of("700"), second.outputValues(out + "-late"), "the restored watermark makes 700 late");
    assertEquals(List.of("1"), second.outputValues(out), "the closed window was not opened again");
  }

  /**
   * Hopping windows kept as panes (one count per key per advance, {@code PanedTimeWindowOp}): a
   * pane outlives the windows that already closed over it, so after a restart from the changelogs
   * those windows must stay emitted once, and the open ones must count the panes written before
   * the restart with the records after it.
   */
  @Test
  void hoppingWindowPanesAfterARestartEmitEachWindowOnceWithEveryRecord(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("panes-restart-in");
    String out = in + "-out";
    String jobName = "panes-restart-" + in;
    Map<String, String> settings = Map.of("job.name", jobName, "test.in", in, "test.out", out, "test.kind", "time",
        "test.size.ms", "1000", "test.advance.ms", "250", "systems.kafka.samza.key.serde", "string",
        "systems.kafka.samza.msg.serde", "string");

    // The watermark at 1300 closes the windows ending at 250, 500, 750, 1000 and 1250.
    JobTestResult first = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .input(in, 1, List.of(TestRecord.at(0, "k0", "100"), TestRecord.at(0, "k0", "600"),
            TestRecord.at(0, "k0", "1300")))
        .runUntil(r -> r.output(out).size() >= 5, DEADLINE);
    assertEquals(List.of("1", "1", "2", "2", "1"), first.outputValues(out));

    kafka.client().produce(in, 0, "k0", "1400");
    kafka.client().produce(in, 0, "k0", "5000"); // closes every window up to [1250, 2250)
    JobTestResult second = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .runUntil(r -> r.output(out).size() >= 9, DEADLINE);
    // [500, 1500): 600, 1300, 1400; [750, 1750), [1000, 2000), [1250, 2250): 1300, 1400.
    assertEquals(List.of("1", "1", "2", "2", "1", "3", "2", "2", "2"), second.outputValues(out),
        "the windows closed before the restart were not emitted again");
    assertEquals(List.of("k0@500/1500", "k0@750/1750", "k0@1000/2000", "k0@1250/2250"),
        second.output(out).subList(5, 9).stream().map(r -> r.key()).toList());
  }

  /**
   * A job that counted hopping windows one count per window ({@code streams.windows.hopping.panes}
   * false, as before panes) and restarts with panes: the windows open at the restart hold their
   * whole-window counts, which are added to the panes' when they close, once.
   */
  @Test
  void hoppingWindowCountsWrittenWithoutPanesAreCountedOnceAfterARestartWithPanes(KafkaCluster kafka) {
    String in = kafka.uniqueTopic("panes-upgrade-in");
    String out = in + "-out";
    Map<String, String> settings = Map.of("job.name", "panes-upgrade-" + in, "test.in", in, "test.out", out,
        "test.kind", "time", "test.size.ms", "1000", "test.advance.ms", "250", "systems.kafka.samza.key.serde",
        "string", "systems.kafka.samza.msg.serde", "string");

    JobTestResult first = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .config(StreamsConfig.HOPPING_PANES, "false")
        .input(in, 1, List.of(TestRecord.at(0, "k0", "100"), TestRecord.at(0, "k0", "600"),
            TestRecord.at(0, "k0", "1300")))
        .runUntil(r -> r.output(out).size() >= 5, DEADLINE);
    assertEquals(List.of("1", "1", "2", "2", "1"), first.outputValues(out));

    kafka.client().produce(in, 0, "k0", "1400");
    kafka.client().produce(in, 0, "k0", "5000");
    JobTestResult second = JobTestRunner.forApplication(WindowsApp.class, kafka).config(settings)
        .config(StreamsConfig.HOPPING_PANES, "true")
        .runUntil(r -> r.output(out).size() >= 9, DEADLINE);
    assertEquals(List.of("1", "1", "2", "2", "1", "3", "2", "2", "2"), second.outputValues(out));
    assertEquals(List.of("k0@500/1500", "k0@750/1750", "k0@1000/2000", "k0@1250/2250"),
        second.output(out).subList(5, 9).stream().map(r -> r.key()).toList());
  }
}
