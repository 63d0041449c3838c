/**
 * Strand's root package holds only {@link io.strand.Partition}, at Samza's
 * {@code org.apache.samza.Partition} name so a Samza job's imports port by the package rewrite
 * alone. It uses no other package of Strand.
 */
package io.strand;
