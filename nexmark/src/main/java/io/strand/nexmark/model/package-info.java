/**
 * The Nexmark event model: immutable {@link io.strand.nexmark.model.Person},
 * {@link io.strand.nexmark.model.Auction} and {@link io.strand.nexmark.model.Bid} records (the
 * standard fields), their end-of-input markers, and the one JSON codec
 * ({@link io.strand.nexmark.model.NexmarkJson}) every engine uses.
 */
package io.strand.nexmark.model;
