/**
 * Jobs declared in code ({@code app.class}), as Samza 1.x's {@code org.apache.samza.application}.
 */
package io.strand.application;
