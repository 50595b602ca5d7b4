package dev.keystone.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.outbox.OutboxProbe;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.Faults;
import dev.keystone.it.support.Frozen;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.OperatorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redis hung: the Redis process frozen with SIGSTOP (connections open, nothing answers) while
 * products are read and written. Reads fall back to PostgreSQL within the cache's small timeouts
 * and its breaker opens (docs/cache.md#the-breaker), writes answer as usual, no 5xx, readiness
 * stays UP saying "degraded"; after the thaw hits resume, and a change written during the freeze is
 * what the cache serves, no stale copy beyond {@value #STALE_BOUND_MS} ms after Redis answers again
 * (the failed eviction is retried by the cache-refresh consumer, docs/architecture.md §5.2).
 */
@KeystoneIT
@Tag("fault")
class RedisHungIT {

  private static final Duration FREEZE = Duration.ofSeconds(Faults.size(12, 20));

  /** A read while Redis hangs costs at most a few 50 ms timeouts, then none: 1 s is generous. */
  private static final long READ_BOUND_MS = 1_000;

  /**
   * The old value may be served after the thaw until the cache-refresh consumer's retried eviction
   * lands (it retries every 200 ms up to its backoff) and the near cache's 1 s expires.
   */
  private static final long STALE_BOUND_MS = 5_000;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void readsFallBackToTheDatabaseAndAChangeMadeDuringTheFreezeIsServedAfterIt() {
    long id = OutboxProbe.createProduct(api, "HUNGR");
    var path = "/api/products/" + id;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "keystone; hit".equals(api.get(path).header("Cache-Status")));
    int oldStock = api.get(path).json().getInt("stock");
    int newStock = oldStock + 7;

    var redis = KeystoneStack.get().devstack().redis();
    var readTimes = new ArrayList<Long>();
    var failures = new ArrayList<String>();
    var staleDuring = new ArrayList<Long>();
    int writes = 0;
    boolean degradedSeen;
    String breaker;
    int processes;
    long frozenAt = System.nanoTime();
    long changedAt;
    try {
      processes = Frozen.freeze(redis);
      read(path, readTimes, failures); // the first reads pay the timeouts and open the breaker
      var change =
          api.post(
              path + "/stock-adjustments", "{\"delta\":7,\"reason\":\"during a Redis freeze\"}");
      changedAt = System.nanoTime();
      assertThat(change.status()).as(change.toString()).isEqualTo(200);
      assertThat(change.json().getInt("stock")).isEqualTo(newStock);
      var created = api.post("/api/products", productJson());
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      writes = 2;
      await()
          .atMost(FREEZE.plusSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                var reply = read(path, readTimes, failures);
                if (reply.status() == 200 && reply.json().getInt("stock") != newStock) {
                  staleDuring.add((System.nanoTime() - changedAt) / 1_000_000);
                }
                return System.nanoTime() - frozenAt >= FREEZE.toNanos();
              });
      degradedSeen =
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () -> {
                    var ready = api.get("/health/ready");
                    if (ready.status() != 200) {
                      failures.add("ready while Redis hangs: " + ready);
                    }
                    return ready.body().contains("degraded");
                  },
                  seen -> seen);
      breaker = OperatorMetrics.scrape(KeystoneStack.get().httpsBaseUrl());
      Frozen.assertFrozen(redis);
    } finally {
      redis.resume();
    }
    Frozen.assertThawed(redis);
    long thawedAt = System.nanoTime();
    var staleAfter = new ArrayList<Long>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              var reply = api.get(path);
              if (reply.status() != 200) {
                failures.add("read after the thaw: " + reply);
                return false;
              }
              boolean fresh = reply.json().getInt("stock") == newStock;
              if (!fresh) {
                staleAfter.add((System.nanoTime() - thawedAt) / 1_000_000);
              }
              return fresh && "keystone; hit".equals(reply.header("Cache-Status"));
            });
    long hitsMs = (System.nanoTime() - thawedAt) / 1_000_000;
    long lastStaleMs = staleAfter.isEmpty() ? 0 : Collections.max(staleAfter);
    Collections.sort(readTimes);

    FaultReport.of("Redis hung (SIGSTOP) %d s".formatted(FREEZE.toSeconds()))
        .accepted(writes)
        .serverErrors(failures.stream().filter(f -> f.contains(": 5")).count())
        .detail(
            "%d process frozen; %d reads 200 from PostgreSQL in p50 %d ms, p99 %d ms, max %d ms"
                + " (limit %d); %d stale reads during the freeze (the last %s ms after the"
                + " change), %d after the thaw (the last %d ms after it, limit %d); hits with the"
                + " new value %d ms after the thaw",
            processes,
            readTimes.size(),
            percentile(readTimes, 50),
            percentile(readTimes, 99),
            percentile(readTimes, 100),
            READ_BOUND_MS,
            staleDuring.size(),
            staleDuring.isEmpty() ? "–" : Collections.max(staleDuring),
            staleAfter.size(),
            lastStaleMs,
            STALE_BOUND_MS,
            hitsMs)
        .print();
    assertThat(failures).as("answers other than the expected ones").isEmpty();
    assertThat(percentile(readTimes, 100))
        .as("the slowest read while Redis hangs (ms)")
        .isLessThanOrEqualTo(READ_BOUND_MS);
    assertThat(breaker)
        .as("the breaker is open")
        .containsPattern("keystone_cache_breaker_open\\S* 1\\.0");
    assertThat(degradedSeen).as("readiness says degraded").isTrue();
    assertThat(lastStaleMs)
        .as("the old value served after the thaw (ms)")
        .isLessThanOrEqualTo(STALE_BOUND_MS);
  }

  private Api.Reply read(String path, List<Long> times, List<String> failures) {
    long start = System.nanoTime();
    var reply = api.get(path);
    times.add((System.nanoTime() - start) / 1_000_000);
    if (reply.status() != 200) {
      failures.add("read while Redis hangs: " + reply);
    }
    return reply;
  }

  private static String productJson() {
    return """
        {"sku":"HUNGR-%s","name":"Hung cache","price":1.00,"currency":"EUR","stock":1}
        """
        .formatted(java.util.UUID.randomUUID().toString().substring(0, 12));
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
