package io.strand.container.storage;

import io.strand.changelog.ChangelogClients;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.output.ProducerPool;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;

/**
 * The changelog module's Kafka clients over the container's own: changelog writes go through the
 * SAME producer as the outputs of that system ({@link ProducerPool}), so the one producer flush of
 * a commit covers outputs and changelogs alike; restore consumers and admin clients are made from
 * the system's settings ({@code systems.<s>.*}), security included.
 *
 * <p>Threading: thread-safe (restores run on several threads at once).
 */
final class ContainerChangelogClients implements ChangelogClients {

  private final KafkaSystems systems;
  private final ProducerPool producers;
  private final String clientPrefix;

  ContainerChangelogClients(KafkaSystems systems, ProducerPool producers, String clientPrefix) {
    this.systems = systems;
    this.producers = producers;
    this.clientPrefix = clientPrefix;
  }

  @Override
  public Producer<byte[], byte[]> producer(String system) {
    return producers.forSystem(system);
  }

  @Override
  public Consumer<byte[], byte[]> newConsumer(String system, Map<String, Object> overrides) {
    Object clientId = overrides.get(ConsumerConfig.CLIENT_ID_CONFIG);
    return systems.get(system).newConsumer(clientId != null ? clientId.toString()
        : clientPrefix + "-restore-" + system, overrides);
  }

  @Override
  public Admin newAdmin(String system) {
    return systems.get(system).newAdmin(clientPrefix + "-changelog-admin-" + system);
  }
}
