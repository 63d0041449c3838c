package io.strand.yarn.am.status;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The containers table links each container's Prometheus endpoint, and only http(s) URLs. */
class StatusPageTest {

  private static JobView view(String... metricsUrls) {
    List<ContainerView> containers = new java.util.ArrayList<>();
    for (int i = 0; i < metricsUrls.length; i++) {
      containers.add(new ContainerView(String.valueOf(i), "container_1_0" + i, "node-" + i, "RUNNING", 0, 1_000, "", 1,
          500L, metricsUrls[i]));
    }
    return new JobView("orders-1", "application_1_0001", 1, "RUNNING", "", 0, 1_000, containers, List.of());
  }

  @Test
  void eachContainersEndpointIsLinked() {
    String page = StatusPage.render(view("http://node-0:41234/metrics", null));
    assertTrue(page.contains("<th>metrics</th>"), page);
    assertTrue(page.contains("<a href=\"http://node-0:41234/metrics\">http://node-0:41234/metrics</a>"), page);
    assertFalse(page.contains("href=\"null\""), page);
  }

  @Test
  void aUrlThatIsNotHttpIsNotALink() {
    String page = StatusPage.render(view("javascript:alert(1)"));
    assertFalse(page.contains("javascript:"), page);
  }
}
