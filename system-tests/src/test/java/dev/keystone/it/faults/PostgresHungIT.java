package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.outbox.OutboxProbe;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL hung: every PostgreSQL process frozen with SIGSTOP, so connections stay open and
 * nothing answers (docs/operations.md#database-deadlines). Writes and uncached reads answer 503
 * problem+json with Retry-After within the data source's deadlines, cache hits keep answering 200,
 * readiness is DOWN within its deadline and never hangs, liveness stays UP; once the database is
 * thawed the server serves again without a restart. Nothing half-written: every 201 is in the
 * database with its outbox row and its event, every 503 left nothing.
 */
@KeystoneIT
@Tag("fault")
class PostgresHungIT {

  /**
   * 2 s (the promise: ~1 s socket or login timeout, plus the request's own work) and 1 s for this
   * machine: two cores shared by Liberty, PostgreSQL, Kafka, Redis and this JVM, where a thread
   * that the timeout woke can wait that long for a core. A missing deadline shows as 5-40 s.
   */
  private static final long REFUSAL_BOUND_MS = 3_000;

  /** 1 s promised for /health/ready (400 ms PostgreSQL, 200 ms each other check), +0.5 s. */
  private static final long READY_BOUND_MS = 1_500;

  /** Serving again within 2 s of the database's return, +1 s as above. */
  private static final long BACK_BOUND_MS = 3_000;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void aFrozenDatabaseCostsARequestSecondsNotMinutes() throws Exception {
    long cached = OutboxProbe.createProduct(api, "PGHUNG");
    var cachedPath = "/api/products/" + cached;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "keystone; hit".equals(api.get(cachedPath).header("Cache-Status")));

    var refusedSkus = new ArrayList<String>();
    var refusals = new ArrayList<Long>();
    var hits = new ArrayList<Long>();
    var failures = new ArrayList<String>();
    long readyMs;
    var postgres = KeystoneStack.get().devstack().postgres();
    var probe = KeystoneStack.get().database();
    Instant frozenAt = Instant.now();
    Instant thawedAt;
    postgres.pause();
    try {
      assertFrozen(probe);
      for (int i = 0; i < Faults.size(6, 30); i++) {
        var sku = "PGHUNG-" + UUID.randomUUID().toString().substring(0, 12);
        refusedSkus.add(sku);
        var write =
            timed(
                refusals,
                () ->
                    api.post(
                        "/api/products",
                        """
                        {"sku":"%s","name":"Hung","price":1.00,"currency":"EUR","stock":1}
                        """
                            .formatted(sku)));
        expectRefused(write, failures);
        var uncached = "/api/products/" + (cached + 1_000_000 + i); // no product has that id
        var read = timed(refusals, () -> api.get(uncached));
        expectRefused(read, failures);
        var hit = timed(hits, () -> api.get(cachedPath));
        if (hit.status() != 200) {
          failures.add("cache hit answered " + hit);
        }
      }
      long start = System.nanoTime();
      var ready = api.get("/health/ready");
      readyMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
      assertThat(ready.body()).containsPattern("\"name\"\\s*:\\s*\"postgresql\"");
      assertThat(api.get("/health/live").status()).as("live: no restart wanted").isEqualTo(200);
    } finally {
      postgres.resume();
      thawedAt = Instant.now();
      closeQuietly(probe);
    }
    long back = System.nanoTime();
    var afterwards =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    api.post(
                        "/api/products",
                        """
                        {"sku":"PGBACK-%s","name":"Back","price":1.00,"currency":"EUR","stock":1}
                        """
                            .formatted(UUID.randomUUID().toString().substring(0, 12))),
                reply -> reply.status() == 201);
    long writingMs = (System.nanoTime() - back) / 1_000_000;
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> api.get("/health/ready").status() == 200);
    long readyAgainMs = (System.nanoTime() - back) / 1_000_000;

    var accepted = List.of(cached, afterwards.json().getJsonNumber("id").longValue());
    long refusedLeft = productsWithSku(refusedSkus) + outboxRowsStamped(frozenAt, thawedAt);
    long acceptedMissing = accepted.size() - productsWithOutboxRow(accepted);
    var published =
        OutboxProbe.read(
            "keystone.product",
            Set.copyOf(accepted.stream().map(String::valueOf).toList()),
            accepted.size(),
            Duration.ofSeconds(30));
    long unpublished = accepted.size() - OutboxProbe.Delivery.of(published).distinct();

    FaultReport.of("PostgreSQL hung (frozen)")
        .accepted(accepted.size())
        .published(accepted.size() - unpublished)
        .lost(refusedLeft + acceptedMissing + unpublished)
        .serverErrors(failures.size())
        .detail(
            "%d writes and uncached reads answered 503 in %d-%d ms (limit %d); %d cache hits 200"
                + " in at most %d ms; /health/ready DOWN in %d ms; writing %d ms and ready %d ms"
                + " after the thaw",
            refusals.size(),
            refusals.stream().mapToLong(Long::longValue).min().orElse(-1),
            refusals.stream().mapToLong(Long::longValue).max().orElse(-1),
            REFUSAL_BOUND_MS,
            hits.size(),
            hits.stream().mapToLong(Long::longValue).max().orElse(-1),
            readyMs,
            writingMs,
            readyAgainMs)
        .print();
    assertThat(failures).as("answers other than the expected ones while frozen").isEmpty();
    assertThat(refusals).as("each refusal's time (ms)").allMatch(ms -> ms <= REFUSAL_BOUND_MS);
    assertThat(readyMs).as("/health/ready while frozen (ms)").isLessThanOrEqualTo(READY_BOUND_MS);
    assertThat(writingMs)
        .as("writing again after the thaw (ms)")
        .isLessThanOrEqualTo(BACK_BOUND_MS);
    assertThat(refusedLeft).as("rows left by refused writes").isZero();
    assertThat(acceptedMissing).as("201s without their row and outbox row").isZero();
    assertThat(unpublished).as("201s whose event was not published").isZero();
  }

  /** The freeze took: a query on an open connection gets no answer within a second. */
  private static void assertFrozen(java.sql.Connection probe) throws SQLException {
    probe.setNetworkTimeout(Runnable::run, 1_000);
    assertThatThrownBy(
            () -> {
              try (var s = probe.createStatement()) {
                s.execute("select 1");
              }
            })
        .as("PostgreSQL frozen")
        .isInstanceOf(SQLException.class);
  }

  private static void expectRefused(Api.Reply reply, List<String> failures) {
    if (reply.status() != 503
        || !String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
        || reply.header("Retry-After") == null
        || reply.header("Retry-After").isBlank()) {
      failures.add("expected 503 problem+json with Retry-After: " + reply);
    }
  }

  private static Api.Reply timed(List<Long> times, java.util.function.Supplier<Api.Reply> call) {
    long start = System.nanoTime();
    var reply = call.get();
    times.add((System.nanoTime() - start) / 1_000_000);
    return reply;
  }

  private static void closeQuietly(java.sql.Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // its socket timed out while frozen: nothing left to close
    }
  }

  private static long productsWithSku(List<String> skus) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement("select count(*) from products where sku = any(?)")) {
      s.setArray(1, c.createArrayOf("varchar", skus.toArray()));
      return count(s);
    }
  }

  /** Outbox rows whose transaction began while the database was frozen: there must be none. */
  private static long outboxRowsStamped(Instant from, Instant to) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement("select count(*) from outbox where created_at between ? and ?")) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      return count(s);
    }
  }

  private static long productsWithOutboxRow(List<Long> ids) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from products p where p.id = any(?) and exists (select 1 from"
                    + " outbox o where o.aggregate_type = 'product'"
                    + " and o.aggregate_id = p.id::text)")) {
      s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      return count(s);
    }
  }

  private static long count(java.sql.PreparedStatement s) throws SQLException {
    try (var rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
