package io.strand.testkit.kafka;

/** A {@link KafkaCluster} owned by the caller, who stops it with {@link #close()}. */
public interface CloseableKafkaCluster extends KafkaCluster, AutoCloseable {

    /** Stops the broker and removes its temporary files. Idempotent; does not throw. */
    @Override
    void close();
}
