package io.strand.container.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the JDK {@code HttpServer}s Strand serves on (status page, query endpoint, Prometheus
 * scrape) with {@code TCP_NODELAY} on their connections.
 *
 * <p>Why: the JDK server writes a response's headers and its body in two writes, and by default
 * leaves Nagle's algorithm on; the body then waits for the client's delayed ACK of the headers,
 * about 40 ms on Linux, on every response of a kept-alive connection (measured: 55 to 75 ms per
 * small GET against 2 to 3 ms with the option). A query client asking a few hundred keys one at a
 * time waited tens of seconds for nothing. The JDK reads its option, the system property
 * {@value #NODELAY}, once, when its server classes are first used in the JVM; so this sets it
 * (unless the JVM was started with it set either way) before the first server is created. A server
 * created elsewhere in the JVM before the first call keeps the JDK's default.
 *
 * <p>Threading: any thread.
 */
public final class HttpServers {

  /** The JDK server's option for {@code TCP_NODELAY} on accepted connections. */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  private HttpServers() {
  }

  /**
   * Binds a server, not yet started, with no backlog limit of its own.
   *
   * @param address where to listen
   * @return the server
   * @throws IOException if the address cannot be bound
   */
  public static HttpServer create(InetSocketAddress address) throws IOException {
    synchronized (HttpServers.class) {
      if (System.getProperty(NODELAY) == null) {
        System.setProperty(NODELAY, "true");
      }
    }
    return HttpServer.create(address, 0);
  }
}
