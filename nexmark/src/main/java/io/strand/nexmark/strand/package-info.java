/**
 * The Nexmark queries on Strand's streams API, one {@link io.strand.streams.StreamApplication} per
 * query (runnable as a job through {@code app.class}), their aggregate records and
 * {@link io.strand.nexmark.strand.StrandEngine}, which runs them for the harness.
 */
package io.strand.nexmark.strand;
