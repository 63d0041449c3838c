package io.strand.container.runloop;

import static io.strand.container.runloop.ContainerHarness.config;
import static io.strand.container.runloop.ContainerHarness.model;
import static io.strand.container.runloop.ContainerHarness.start;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Timer;
import io.strand.config.Config;
import io.strand.container.metrics.MeterNames;
import io.strand.container.runloop.ContainerHarness.Running;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a container's run loop costs when it has little or nothing to do (issue 17: at a fixed
 * 20 k records/s the job shares two cores with the broker, whose appends of the load's records then
 * wait): the loop blocks in its consumer's poll instead of spinning, and its consumer sends no more
 * fetch requests than the broker's answers pace (idle: one per {@code fetch.max.wait.ms}).
 * Measured with the JVM's thread CPU time of the loop's thread and the consumer's own
 * {@code fetch-total} meter (JMX), on the latency runs' client settings, against a bare
 * {@code KafkaConsumer} loop ({@code poll(100 ms)}) reading the same partitions at the same moments
 * (the machine is shared; only the same-moment ratio means something). Session 12 (load 25-50):
 * idle 0.014 against 0.014 cores, at 2 k records/s 0.022 against 0.011 (the loop also runs the task
 * and its sends).
 */
@RealKafka
class LowLoadLoopTest {

  private static final Duration WINDOW = Duration.ofSeconds(3);
  private static final int FETCH_MAX_WAIT_MS = 10;

  @Test
  void anIdleLoopBlocksInItsPollAndFetchesAtTheBrokersPace(KafkaCluster kafka, KafkaTestClient client)
      throws Exception {
    String job = ContainerHarness.jobName("low-load");
    String in = kafka.uniqueTopic("ll-in");
    String out = kafka.uniqueTopic("ll-out");
    client.createTopic(in, 8);
    client.createTopic(out, 8);
    Config config = config(kafka, job, FilterMapJobTask.class, "kafka." + in, "test.output", "kafka." + out,
        "systems.kafka.consumer.fetch.min.bytes", "1", "systems.kafka.consumer.fetch.max.wait.ms",
        Integer.toString(FETCH_MAX_WAIT_MS), "systems.kafka.producer.linger.ms", "1", "task.commit.ms", "10000",
        // By hand: -Dstrand.test.sendthread=false, -Dstrand.test.sendidle=5000 (µs; session 12's idle time).
        "strand.producer.send.thread", System.getProperty("strand.test.sendthread", "true"),
        "strand.producer.send.thread.idle.us", System.getProperty("strand.test.sendidle", "300"));
    Running running = start(config, model(job, Map.of(in, 8)));
    try {
      assertTrue(running.container.awaitStarted(30_000), "the container did not start");
      Thread loop = thread("test-container");
      // Let start-up work (restores, first metadata) pass before measuring.
      client.produce(in, 0, null, "1");
      client.consumeAtLeast(out, 1, Duration.ofSeconds(20));

      // The reference: a bare consumer loop on the same input, same settings, same moments.
      BareLoop bare = new BareLoop(client, in, job);
      try {
        Sample idle = measure(running, loop, job, () -> LockSupport.parkNanos(WINDOW.toNanos()), bare);
        System.out.println("idle: " + idle);
        // A spinning loop would use a whole core; a blocked one costs what the bare loop's fetches cost.
        assertTrue(idle.loopCores < Math.max(0.05, 3 * idle.bareCores), "an idle run loop: " + idle);
        // Each idle fetch waits fetch.max.wait.ms at the broker: about 100/s; a spinning loop or a
        // refetch that does not wait would send far more.
        assertTrue(idle.fetchesPerSecond < 2.0 * 1000 / FETCH_MAX_WAIT_MS, "idle fetches: " + idle);
        assertTrue(idle.fetchesPerSecond < 3 * idle.bareFetchesPerSecond + 20, "idle fetches: " + idle);

        int rate = Integer.getInteger("strand.test.lowload.rate", 2_000); // 20 k/s by hand: the latency runs' rate
        try (KafkaProducer<String, String> p = client.producer(new StringSerializer(), new StringSerializer(),
            Map.of("linger.ms", "1"))) {
          Sample busy = measure(running, loop, job, () -> pace(p, in, rate), bare);
          System.out.println("at " + rate + " records/s: " + busy);
          // The loop also runs the task and its sends; at 2 k/s that is a few percent of a core.
          assertTrue(busy.loopCores < Math.max(0.25, 5 * busy.bareCores), "the run loop at " + rate
              + " records/s: " + busy);
        }
      } finally {
        bare.close();
      }
    } finally {
      running.stopAndAwait();
    }
  }

  private static void pace(KafkaProducer<String, String> p, String topic, int rate) {
    long start = System.nanoTime();
    long sent = 0;
    int i = 1;
    while (System.nanoTime() - start < WINDOW.toNanos()) {
      long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
      while (sent < due) {
        p.send(new ProducerRecord<>(topic, (int) (sent % 8), null, Integer.toString(i++ % 3 == 0 ? 1 : i)));
        sent++;
      }
      LockSupport.parkNanos(200_000);
    }
  }

  private record Sample(double loopCores, double fetchesPerSecond, double pollsPerSecond, double bareCores,
      double bareFetchesPerSecond) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "run loop %.3f cores, consumer fetches %.0f/s, loop polls %.0f/s;"
          + " bare consumer loop %.3f cores, fetches %.0f/s", loopCores, fetchesPerSecond, pollsPerSecond, bareCores,
          bareFetchesPerSecond);
    }
  }

  private static Sample measure(Running running, Thread loop, String job, Runnable during, BareLoop bare)
      throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getThreadCpuTime(loop.getId());
    long bareCpu0 = threads.getThreadCpuTime(bare.thread.getId());
    double fetch0 = fetches(job + "-");
    double bareFetch0 = fetches(bare.clientId);
    long polls0 = polls(running);
    Map<Thread, Long> all0 = new java.util.HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      all0.put(t, threads.getThreadCpuTime(t.getId()));
    }
    long t0 = System.nanoTime();
    during.run();
    double s = (System.nanoTime() - t0) / 1e9;
    // Where else this JVM's CPU went (the job's producer, committer; the test's own clients), busiest first.
    System.out.println(all0.entrySet().stream().map(e -> Map.entry(e.getKey().getName(),
            (threads.getThreadCpuTime(e.getKey().getId()) - e.getValue()) / 1e9 / s))
        .filter(e -> e.getValue() > 0.002).sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(8)
        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue())).toList());
    return new Sample((threads.getThreadCpuTime(loop.getId()) - cpu0) / 1e9 / s, (fetches(job + "-") - fetch0) / s,
        (polls(running) - polls0) / s, (threads.getThreadCpuTime(bare.thread.getId()) - bareCpu0) / 1e9 / s,
        (fetches(bare.clientId) - bareFetch0) / s);
  }

  /** A plain consumer polling the same partitions with the same settings, on its own thread. */
  private static final class BareLoop implements AutoCloseable {
    final String clientId;
    final Thread thread;
    private volatile boolean stop;

    BareLoop(KafkaTestClient client, String topic, String job) {
      this.clientId = "bare-" + job;
      java.util.Properties p = new java.util.Properties();
      p.put("bootstrap.servers", client.bootstrapServers());
      p.put("client.id", clientId);
      p.put("enable.auto.commit", "false");
      p.put("max.poll.records", "10000");
      p.put("fetch.min.bytes", "1");
      p.put("fetch.max.wait.ms", Integer.toString(FETCH_MAX_WAIT_MS));
      p.put("key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
      p.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
      KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p);
      List<TopicPartition> tps = java.util.stream.IntStream.range(0, 8).mapToObj(i -> new TopicPartition(topic, i))
          .toList();
      c.assign(tps);
      c.seekToEnd(tps);
      thread = new Thread(() -> {
        try (c) {
          long n = 0;
          while (!stop) {
            for (var r : c.poll(Duration.ofMillis(100))) {
              n += r.value().length; // touch each record, as a job would
            }
          }
          if (n < 0) {
            throw new AssertionError();
          }
        }
      }, "bare-loop");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      thread.join(10_000);
    }
  }

  private static long polls(Running running) {
    return running.meters.stream().filter(m -> m.getId().getName().equals(MeterNames.CONTAINER_POLL))
        .mapToLong(m -> ((Timer) m).count()).sum();
  }

  /** Fetch requests sent so far by the consumers whose client id contains {@code id}. */
  private static double fetches(String id0) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    double total = 0;
    for (ObjectName n : server.queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,*"), null)) {
      String id = n.getKeyProperty("client-id");
      if (n.getKeyProperty("topic") == null && n.getKeyProperty("partition") == null && id != null
          && id.contains(id0)) {
        total += ((Number) server.getAttribute(n, "fetch-total")).doubleValue();
      }
    }
    return total;
  }

  private static Thread thread(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no thread " + name));
  }

}
