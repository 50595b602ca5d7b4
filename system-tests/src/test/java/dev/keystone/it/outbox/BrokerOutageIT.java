package dev.keystone.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.OperatorMetrics;
import dev.keystone.it.support.Readiness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With the broker stopped, writes keep answering 201 as fast as with it up (no thread waits for
 * Kafka's {@code max.block.ms}), the server stays ready and reports the backlog; once the broker is
 * back every event arrives, once per event id, in version order per key.
 */
@KeystoneIT
@Tag("fault")
class BrokerOutageIT {

  private static final int WRITES = 200;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void writesSucceedAsFastWithTheBrokerDownAndEveryEventArrivesAfterwards() throws Exception {
    var ids = new ArrayList<String>();
    var up = writes(WRITES / 2, "UP", ids);

    var kafka = KeystoneStack.get().devstack().kafka();
    long stoppingAt = System.currentTimeMillis();
    kafka.stop();
    long[] down;
    long backAt;
    try {
      down = writes(WRITES, "DOWN", ids);
      var data = Readiness.answeredData(api, "kafka"); // and the server stays ready
      assertThat(data.getBoolean("reachable")).isFalse();
      assertThat(data.getJsonNumber("outboxBacklog").longValue()).isPositive();
      assertThat(metric("keystone_outbox_backlog")).isPositive();
      assertThat(metric("keystone_outbox_oldest_age_ms")).isPositive();
      assertThat(OutboxProbe.unpublished("product", ids)).isPositive();
    } finally {
      kafka.start();
      backAt = System.currentTimeMillis();
    }
    System.out.printf(
        "write latency broker up:   p50 %d ms, p99 %d ms, max %d ms (%d writes)%n",
        pct(up, 50), pct(up, 99), pct(up, 100), up.length);
    System.out.printf(
        "write latency broker down: p50 %d ms, p99 %d ms, max %d ms (%d writes)%n",
        pct(down, 50), pct(down, 99), pct(down, 100), down.length);
    assertThat(pct(down, 99)).as("p99 with the broker down, ms").isLessThan(1000);

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> OutboxProbe.unpublished("product", ids) == 0);
    var seen =
        OutboxProbe.read("keystone.product", Set.copyOf(ids), ids.size(), Duration.ofSeconds(60));
    var delivery = OutboxProbe.Delivery.of(seen);
    System.out.println("after the outage: " + delivery + " of " + ids.size() + " writes");
    assertThat(delivery.distinct())
        .as("every acknowledged write's event arrives")
        .isEqualTo(ids.size());
    assertThat(delivery.disorder()).isEmpty();
    assertThat(seen.stream().map(OutboxProbe.Seen::key).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ids);
    // Duplicates are allowed (at least once), but only with a cause: a send of unknown outcome
    // while the broker was going or gone. One second of slack covers sends in flight as the stop
    // began.
    assertThat(OutboxProbe.duplicatesWithoutCause(seen, stoppingAt - 1_000, backAt))
        .as("duplicates first sent outside the outage (%s)", delivery)
        .isEmpty();
    assertThat(metric("keystone_outbox_sent_total")).isGreaterThanOrEqualTo(ids.size());
    assertThat(metric("keystone_outbox_failed_total")).isPositive();
  }

  private long[] writes(int n, String prefix, List<String> ids) {
    var millis = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      ids.add(Long.toString(OutboxProbe.createProduct(api, prefix)));
      millis[i] = (System.nanoTime() - start) / 1_000_000;
    }
    return millis;
  }

  static long pct(long[] values, int percentile) {
    var sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The value of an application metric from the Prometheus text, summed over its series. */
  double metric(String name) {
    var text = OperatorMetrics.scrape(KeystoneStack.get().httpsBaseUrl());
    return text.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
