/**
 * The records the Nexmark queries write (as JSON through {@link io.strand.nexmark.model.NexmarkJson}),
 * one per query shape; Q0 and Q1 write {@link io.strand.nexmark.model.Bid}s.
 */
package io.strand.nexmark.query.results;
