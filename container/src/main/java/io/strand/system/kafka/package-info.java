/**
 * The Kafka system factory under the name of Samza's {@code org.apache.samza.system.kafka}, so a
 * Samza properties file ports by rewriting its package names.
 */
package io.strand.system.kafka;
