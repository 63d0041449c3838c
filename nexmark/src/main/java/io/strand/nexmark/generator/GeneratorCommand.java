package io.strand.nexmark.generator;

import io.strand.nexmark.model.EventFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nexmark-generate}: recreates the three input topics and fills them. Exit code 0 when every
 * event and marker was acknowledged, 1 on a failure, 2 on bad options.
 */
@Command(name = "nexmark-generate", mixinStandardHelpOptions = true,
    description = "Writes Nexmark events (1 person : 3 auctions : 46 bids) to nexmark-person, nexmark-auction "
        + "and nexmark-bid (8 partitions each, recreated), then one end-of-input marker per partition.")
public final class GeneratorCommand implements Callable<Integer> {

  @Option(names = "--bootstrap-servers", required = true, description = "Kafka brokers, host:port[,...]")
  String bootstrapServers;

  @Option(names = "--events", defaultValue = "1000000", description = "events to write (default ${DEFAULT-VALUE})")
  long events;

  @Option(names = "--seed", defaultValue = "19", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--base-time-ms", defaultValue = "" + GeneratorConfig.DEFAULT_BASE_TIME_MS,
      description = "event time of event 0, ms since the epoch (default ${DEFAULT-VALUE}, 2026-01-01T00:00Z)")
  long baseTimeMs;

  @Option(names = "--inter-event-us", defaultValue = "" + GeneratorConfig.DEFAULT_INTER_EVENT_DELAY_US,
      description = "event time between events, us (default ${DEFAULT-VALUE})")
  long interEventUs;

  @Option(names = "--rate", defaultValue = "0",
      description = "events per wall-clock second, 0 for as fast as possible (default ${DEFAULT-VALUE})")
  long rate;

  @Option(names = "--format", defaultValue = "json", description = "value format: json or avro (Avro's single-object"
      + " encoding of the schemas in io/strand/nexmark/model/avro; default ${DEFAULT-VALUE}); engines read either")
  EventFormat format;

  @Override
  public Integer call() throws Exception {
    GeneratorConfig config = new GeneratorConfig(events, seed, baseTimeMs, interEventUs, rate);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      NexmarkTopicAdmin.recreateInputs(admin);
    }
    NexmarkGenerator.Generated g = NexmarkGenerator.generate(bootstrapServers, config, format);
    System.out.printf("wrote %d events (%d persons, %d auctions, %d bids) in %d ms; event time %d..%d, "
        + "end markers at %d%n", g.events(), g.persons(), g.auctions(), g.bids(), g.elapsedMs(), g.firstTimeMs(),
        g.lastTimeMs(), g.endMarkerTimeMs());
    return 0;
  }

  /**
   * Runs the command.
   *
   * @param args the options
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new GeneratorCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }
}
