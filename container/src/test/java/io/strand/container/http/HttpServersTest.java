package io.strand.container.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class HttpServersTest {

  /**
   * Small answers on one kept-alive connection come back without the ~40 ms the client's delayed
   * ACK adds to each when Nagle's algorithm holds the body back; the median, so that a loaded
   * machine's odd slow request does not decide.
   */
  @Test
  void smallAnswersOnAKeptAliveConnectionDoNotWaitForADelayedAck() throws Exception {
    HttpServer server = HttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    server.createContext("/", ex -> {
      byte[] body = "{\"value\":\"12\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.setExecutor(pool);
    server.start();
    try {
      assertEquals("true", System.getProperty(HttpServers.NODELAY));
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/key");
      long[] nanos = new long[41];
      for (int i = -5; i < nanos.length; i++) { // the first few warm the connection and the JIT
        long start = System.nanoTime();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        if (i >= 0) {
          nanos[i] = System.nanoTime() - start;
        }
      }
      Arrays.sort(nanos);
      double medianMs = nanos[nanos.length / 2] / 1e6;
      assertTrue(medianMs < 20, "median " + medianMs + " ms per request (a delayed ACK costs about 40)");
    } finally {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}
