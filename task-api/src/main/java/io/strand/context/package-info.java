/**
 * What the container gives a task at {@code init}: job, container and task contexts, as Samza's
 * {@code org.apache.samza.context}. The container implements these interfaces.
 */
package io.strand.context;
