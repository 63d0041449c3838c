/** The AM's status page and {@code /status.json}: values and the HTML rendering. */
package io.strand.container.status;
