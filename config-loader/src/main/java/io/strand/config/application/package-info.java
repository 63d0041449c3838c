/**
 * Jobs declared in code: {@code app.class} naming a {@code TaskApplication} (or another
 * {@link io.strand.config.application.ApplicationKind}) is turned into ordinary configuration
 * keys by {@link io.strand.config.application.ApplicationLoader}, and each container takes the
 * task factory from the same description.
 */
package io.strand.config.application;
