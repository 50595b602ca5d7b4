package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.outbox.OutboxProbe;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, the source of truth, down: writes and uncached reads answer 503 problem+json with
 * Retry-After (never a 500) within the data source's deadlines, readiness is DOWN, liveness stays
 * UP (no restart wanted), and when the database returns the server serves again by itself. No write
 * refused during the outage left a row behind; every write accepted before it is still there.
 */
@KeystoneIT
@Tag("fault")
class PostgresDownIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void unavailableWhileDownThenServingAgainWithoutARestart() throws Exception {
    long before = OutboxProbe.createProduct(api, "PGUP");
    var refusedSkus = new ArrayList<String>();
    var latencies = new ArrayList<Long>();
    int serverErrors = 0;
    int unavailable = 0;
    var postgres = KeystoneStack.get().devstack().postgres();
    postgres.stop();
    long down = System.nanoTime();
    long back;
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/health/ready").status() == 503);
      assertThat(api.get("/health/live").status()).as("live: no restart wanted").isEqualTo(200);
      for (int i = 0; i < Faults.size(4, 20); i++) {
        var sku = "PGDOWN-" + UUID.randomUUID().toString().substring(0, 12);
        long start = System.nanoTime();
        var write =
            api.post(
                "/api/products",
                """
                {"sku":"%s","name":"Down","price":1.00,"currency":"EUR","stock":1}
                """
                    .formatted(sku));
        latencies.add((System.nanoTime() - start) / 1_000_000);
        start = System.nanoTime();
        var read = api.get("/api/products/" + (before + 1_000_000 + i)); // never cached
        latencies.add((System.nanoTime() - start) / 1_000_000);
        for (var reply : new Api.Reply[] {write, read}) {
          if (reply.status() >= 500 && reply.status() != 503) {
            serverErrors++;
          }
          if (reply.status() == 503) {
            unavailable++;
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
            assertThat(reply.header("Retry-After")).as(reply.toString()).isNotBlank();
          }
        }
        assertThat(write.status()).as(write.toString()).isEqualTo(503);
        refusedSkus.add(sku);
      }
    } finally {
      postgres.start();
      back = System.nanoTime();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/health/ready").status() == 200);
    long readyMs = (System.nanoTime() - back) / 1_000_000;
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> OutboxProbe.createProduct(api, "PGBACK") > 0);
    long writingMs = (System.nanoTime() - back) / 1_000_000;

    FaultReport.of("PostgreSQL down")
        .accepted(0)
        .lost(refusedRowsLeft(refusedSkus) + (productExists(before) ? 0 : 1))
        .serverErrors(serverErrors)
        .detail(
            "%d requests answered 503 problem+json (median %d ms, max %d ms) in %.1f s down;"
                + " ready again %d ms and writing %d ms after PostgreSQL returned",
            unavailable,
            latencies.stream().sorted().skip(latencies.size() / 2).findFirst().orElse(-1L),
            latencies.stream().mapToLong(Long::longValue).max().orElse(-1),
            (back - down) / 1e9,
            readyMs,
            writingMs)
        .print();
    assertThat(serverErrors).as("5xx other than 503").isZero();
    // each refusal within the data source's deadlines (~1 s), +1 s for a 2-core machine where the
    // woken thread can wait for a core; EclipseLink's retries used to make this ~10 s
    assertThat(latencies).as("each refusal's time (ms)").allMatch(ms -> ms <= 3_000);
    assertThat(refusedRowsLeft(refusedSkus)).as("rows of refused writes").isZero();
    assertThat(productExists(before)).as("the write accepted before the outage").isTrue();
  }

  private static long refusedRowsLeft(java.util.List<String> skus) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement("select count(*) from products where sku = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", skus.toArray()));
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static boolean productExists(long id) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement("select count(*) from products where id = ?")) {
      s.setLong(1, id);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1;
      }
    }
  }
}
