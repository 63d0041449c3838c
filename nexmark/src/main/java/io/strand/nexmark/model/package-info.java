/**
 * The Nexmark event model: immutable {@link io.strand.nexmark.model.Person},
 * {@link io.strand.nexmark.model.Auction} and {@link io.strand.nexmark.model.Bid} records (the
 * standard fields), their end-of-input markers, the JSON codec
 * ({@link io.strand.nexmark.model.NexmarkJson}) of events and results every engine uses, and the
 * Avro codec of events ({@link io.strand.nexmark.model.NexmarkAvro}; the generator's choice between
 * the two, read back by every engine: {@link io.strand.nexmark.model.EventFormat}).
 */
package io.strand.nexmark.model;
