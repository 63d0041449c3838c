package io.strand.testkit.kafka;

/** Where an {@link EmbeddedKafkaBroker} runs. */
public enum BrokerMode {
    /** Inside the calling JVM: starts in about 2 s, shares the caller's heap and CPU. */
    IN_PROCESS,
    /**
     * In a child JVM on the same classpath: separate heap and CPU accounting, which keeps
     * benchmark figures honest; costs about a second more to start.
     */
    CHILD_JVM
}
