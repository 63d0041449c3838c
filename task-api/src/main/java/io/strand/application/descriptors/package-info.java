/**
 * The descriptors an application fills in, as Samza 1.x's
 * {@code org.apache.samza.application.descriptors}.
 */
package io.strand.application.descriptors;
