/**
 * What the Nexmark queries compute ({@link io.strand.nexmark.query.Query}: inputs, outputs, windows,
 * event-time rules, end of input), their constants ({@link io.strand.nexmark.query.NexmarkSemantics})
 * and the comparison of engines' outputs ({@link io.strand.nexmark.query.NexmarkResults}).
 */
package io.strand.nexmark.query;
