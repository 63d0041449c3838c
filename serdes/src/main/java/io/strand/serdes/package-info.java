/**
 * The runtime's serde lookup: {@link io.strand.serdes.Serdes} turns a serde name of a job's
 * configuration ({@code serializers.registry.<name>.class} or a built-in short name) into a serde.
 * Used by the store and container modules; job authors do not call it.
 */
package io.strand.serdes;
