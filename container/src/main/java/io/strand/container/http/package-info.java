/**
 * The JDK HTTP servers Strand serves on (status page, query endpoint, Prometheus scrape), made with
 * the options every one of them needs. Depends on the JDK only, so the packages that serve HTTP
 * share it without depending on each other.
 */
package io.strand.container.http;
