package dev.keystone.it.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/** One order followed through one trace (docs/tracing.md). */
@KeystoneIT
class TracingIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void aRequestsSpanJoinsTheCallersTrace() {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/products?size=1").status() == 200);
    var traceId = UUID.randomUUID().toString().replace("-", "");
    var request =
        api.request("/api/products?size=1")
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .GET()
            .build();
    assertThat(api.send(request).status()).isEqualTo(200);
    var traces = KeystoneStack.get().traces();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(traces.trace(traceId)).isNotEmpty());
    System.out.println("SPANS " + traces.trace(traceId));
  }
}
