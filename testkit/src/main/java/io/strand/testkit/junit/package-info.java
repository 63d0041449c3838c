/**
 * The JUnit 5 side of the test kit: {@link io.strand.testkit.junit.RealKafka} on a test class gives
 * its tests a {@link io.strand.testkit.kafka.KafkaCluster} or
 * {@link io.strand.testkit.kafka.KafkaTestClient} parameter, backed by one broker shared by the
 * whole test JVM ({@link io.strand.testkit.junit.KafkaExtension}).
 */
package io.strand.testkit.junit;
