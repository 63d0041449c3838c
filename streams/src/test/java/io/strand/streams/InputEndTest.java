package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.runner.JobStatus;
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
 * The container's part of the end of stream through intermediate topics, on a low-level task
 * ({@link EndingTask}): a bounded partition's end is reported with {@code onPartitionEnd}; an
 * unbounded input the task declares ended takes no more records; once both ended the task gets
 * {@code onEndOfStream} and the job ends by itself.
 */
@RealKafka
class InputEndTest {

  @Test
  void aTaskEndsAnUnboundedInputItselfAndTheJobEnds(KafkaCluster kafka) {
    String bounded = kafka.uniqueTopic("ending-bounded");
    String open = kafka.uniqueTopic("ending-open");
    String events = bounded + "-events";
    kafka.client().createTopic(events, 1);
    JobTestResult result = JobTestRunner.forTask(EndingTask.class, kafka)
        .config(Map.of("systems.kafka.samza.key.serde", "string", "systems.kafka.samza.msg.serde", "string",
            "systems.kafka.streams." + open + ".strand.bounded", "false", "test.events", events, "task.inputs",
            "kafka." + bounded + ",kafka." + open))
        .input(bounded, 1, List.of(TestRecord.at(0, "k", "b1")))
        .input(open, 1, List.of(TestRecord.at(0, "k", "o1"), TestRecord.at(0, "k", "END"), TestRecord.at(0, "k", "o2")))
        .runToEnd(Duration.ofSeconds(60));

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    List<String> seen = result.output(events).stream().map(r -> r.key() + ":" + r.value()).toList();
    assertEquals(List.of(open + ":o1", open + ":END"), seen.stream().filter(e -> e.startsWith(open)).toList(),
        "nothing after END");
    assertEquals(List.of(bounded + ":b1", bounded + ":partition-end"),
        seen.stream().filter(e -> e.startsWith(bounded)).toList());
    assertEquals("task:end-of-stream", seen.get(seen.size() - 1), "the end of stream comes last: " + seen);
  }
}
