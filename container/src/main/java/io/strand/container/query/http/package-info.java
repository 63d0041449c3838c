/**
 * Queryable state over HTTP: each container's endpoint ({@link io.strand.container.query.http.QueryServer},
 * JDK {@code HttpServer}, JSON through Jackson), what the container opens and closes around its
 * running stores ({@link io.strand.container.query.http.QueryService}: the JVM registration, the
 * server, the endpoint published in the coordinator topic), the rendering of keys and values as
 * JSON ({@link io.strand.container.query.http.JsonValues}), and a client that asks the right
 * container for any key from any node ({@link io.strand.container.query.http.QueryClient}).
 */
package io.strand.container.query.http;
