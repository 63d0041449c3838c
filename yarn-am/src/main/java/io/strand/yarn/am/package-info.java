/**
 * The application master, Strand's job coordinator on YARN: its JVM entry point
 * ({@link io.strand.yarn.am.ApplicationMasterMain}), the job model it computes and serves, the
 * {@link io.strand.yarn.am.ContainerSupervisor} that requests, launches, restarts and stops the
 * containers (with host affinity), the YARN callbacks routed to it, and its HTTP server (status
 * page, job model, container reports, graceful kill).
 *
 * <p>Arrows: uses {@code launch} (settings, staged files, launch commands), the container
 * module's {@code container.report} (the protocol with its containers) and
 * {@code container.status} (the status page), and names {@code container}'s main class; never the
 * client.
 */
package io.strand.yarn.am;
