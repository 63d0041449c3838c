/**
 * Loading configuration: a {@code .properties} file, {@code --config key=value} overrides and
 * {@code ${VAR}} / {@code ${VAR:-default}} substitution, with every problem reported at once.
 */
package io.strand.config.load;
