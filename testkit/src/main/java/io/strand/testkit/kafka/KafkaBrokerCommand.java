package io.strand.testkit.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strand-kafka}: runs an {@link EmbeddedKafkaBroker} in the foreground for local work.
 * Prints the bootstrap servers as the only line on stdout (logs go to stderr) and runs until
 * SIGINT / SIGTERM, when a shutdown hook stops the broker and deletes its temp directory.
 */
@Command(name = "strand-kafka", mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka 4.4 broker (KRaft) on 127.0.0.1 until Ctrl-C.")
public final class KafkaBrokerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "PLAINTEXT port (default: a random free port)")
    private int port;

    @ArgGroup(exclusive = true)
    private ModeOption modeOption;

    @Option(names = "--data-dir", description = "Keep data here across runs (default: a temp dir deleted on exit)")
    private Path dataDir;

    @Option(names = "--heap-mb", description = "Heap of the child JVM in MiB (default: ${DEFAULT-VALUE})")
    private int heapMb = BrokerSettings.DEFAULT_CHILD_HEAP_MB;

    @Option(names = {"-P", "--property"}, description = "Extra broker property, e.g. -P num.partitions=8")
    private Map<String, String> properties = Map.of();

    static final class ModeOption {
        @Option(names = "--in-process", description = "Run the broker in this JVM (default)")
        boolean inProcess;

        @Option(names = "--child-jvm", description = "Run the broker in a child JVM with its own heap")
        boolean childJvm;
    }

    @Override
    public Integer call() throws InterruptedException {
        BrokerSettings settings = BrokerSettings.defaults()
                .withMode(modeOption != null && modeOption.childJvm ? BrokerMode.CHILD_JVM : BrokerMode.IN_PROCESS)
                .withPort(port)
                .withDataDir(dataDir)
                .withChildHeapMb(heapMb);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            settings = settings.withProperty(e.getKey(), e.getValue());
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "strand-kafka-shutdown"));
        System.out.println(broker.bootstrapServers());
        System.out.flush();
        // Runs until the JVM is told to exit; the shutdown hook does the cleanup.
        new CountDownLatch(1).await();
        return 0;
    }

    /** @param args command-line arguments, see {@code --help} */
    public static void main(String[] args) {
        // Our shutdown hook logs while the broker stops; log4j's own hook would close logging first.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        CommandLine cli = new CommandLine(new KafkaBrokerCommand())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // A broker that cannot start is reported, not dumped as a stack trace.
                    commandLine.getErr().println("strand-kafka: " + e.getMessage());
                    return 1;
                });
        System.exit(cli.execute(args));
    }
}
