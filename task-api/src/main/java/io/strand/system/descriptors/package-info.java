/**
 * System and stream descriptors, as Samza 1.x's {@code org.apache.samza.system.descriptors}: a
 * {@code TaskApplication} describes its systems, inputs and outputs with them instead of
 * {@code systems.*} / {@code task.inputs} keys. Each descriptor produces the keys a properties
 * file would hold, so a job behaves the same either way; keys in the properties file win.
 */
package io.strand.system.descriptors;
