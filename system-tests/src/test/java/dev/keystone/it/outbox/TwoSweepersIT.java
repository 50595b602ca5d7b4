package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Two servers sweep one backlog: the backlog is built through both with the broker stopped, then
 * the broker returns while both sweep. Row locks ({@code FOR UPDATE SKIP LOCKED}) give each row to
 * one sweeper: every event arrives, and a duplicate may only be a row whose send had failed (the
 * documented at-least-once edge: the broker wrote it but the ack was lost).
 */
@KeystoneIT
class TwoSweepersIT {

  private static final int WRITES = 300;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  @Test
  void twoServersSweepOneBacklogAndEachEventIsSentOnce() throws Exception {
    var stack = KeystoneStack.get();
    var c = stack.startExtraServer("keystone-c", Map.of());
    try {
      var apis = new Api[] {Api.keystone(), new Api("http://localhost:" + c.httpPort())};
      var ids = new ArrayList<String>();
      var kafka = stack.devstack().kafka();
      kafka.stop();
      try {
        for (int i = 0; i < WRITES; i++) {
          ids.add(Long.toString(OutboxProbe.createProduct(apis[i % 2], "SWEEP")));
        }
        assertThat(OutboxProbe.unpublished("product", ids)).isPositive();
      } finally {
        kafka.start();
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> OutboxProbe.unpublished("product", ids) == 0);
      var seen =
          OutboxProbe.read("keystone.product", Set.copyOf(ids), ids.size(), Duration.ofSeconds(60));
      var delivery = OutboxProbe.Delivery.of(seen);
      var attempts = OutboxProbe.attempts("product", ids);
      long failedRows = attempts.values().stream().filter(n -> n > 0).count();
      System.out.println(
          "two sweepers: "
              + delivery
              + " of "
              + ids.size()
              + " writes; rows with a failed send: "
              + failedRows);
      assertThat(delivery.distinct()).isEqualTo(ids.size());
      assertThat(delivery.disorder()).isEmpty();
      assertThat(delivery.duplicates())
          .as("duplicates only where a send had failed")
          .allSatisfy(id -> assertThat(attempts.get(id)).isPositive());
    } finally {
      c.stop();
    }
  }
}
