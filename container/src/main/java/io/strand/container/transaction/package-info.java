/**
 * Exactly-once mode ({@code task.delivery.guarantee=exactly-once}): the container's transactional
 * producer ({@link io.strand.container.transaction.TransactionalProducer}), its settings
 * ({@link io.strand.container.transaction.TransactionSettings}; validated by
 * {@code io.strand.container.validate.ExactlyOnceCheck}), and the checkpoint writer that
 * ends each commit's transaction ({@link io.strand.container.transaction.TransactionalCheckpoints}).
 * As Kafka Streams' {@code exactly_once_v2}: one producer per container, whose
 * {@code transactional.id} is stable per job and container, so a restarted or duplicated container
 * fences its predecessor.
 */
package io.strand.container.transaction;
