/**
 * The coordinator topic: where a job's model and container locality are kept so every
 * container (and a restarted runner) agrees on them.
 */
package io.strand.container.coordinator;
