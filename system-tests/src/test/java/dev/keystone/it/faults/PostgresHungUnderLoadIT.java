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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL hung under load: while every PostgreSQL process is frozen, {@value #IN_FLIGHT} callers
 * send an uncached read each at the same moment and again whenever the answer's Retry-After has
 * passed, and another caller keeps reading a cached product. The uncached requests must not take
 * the server's threads from the cache hits: every hit answers 200 and their p99 stays under {@value
 * #HIT_P99_BOUND_MS} ms; every uncached read answers 503 problem+json with Retry-After within its
 * deadline (docs/operations.md#database-deadlines).
 */
@KeystoneIT
@Tag("fault")
class PostgresHungUnderLoadIT {

  private static final int IN_FLIGHT = 200;

  /**
   * The promise for a cache hit while the database hangs: well under a second at the 99th
   * percentile. A hit waits for no database; what it can wait for is a server thread, which is what
   * this bound is about (a starved hit waits seconds, as long as the uncached requests ahead of
   * it).
   */
  private static final long HIT_P99_BOUND_MS = 1_000;

  /**
   * The slowest refusal of the burst. A request that waited for its turn at the bulkhead (up to 500
   * ms) then waits its own deadline (1 s): its statement's socket timeout, or its new connection's
   * handshake, which the socket timeout bounds too once the sslmode is named (the driver's default
   * tries twice). It never waits for a pooled connection as well: the bulkhead keeps connections
   * back for the background work. What it can wait for besides is a server thread: the first 200
   * arrive together and queue in Liberty's executor while the first ~25 wait their deadline, and
   * one that takes a thread between the first silent answer and the third (which opens the breaker)
   * waits its own second after that queue. Measured 2026-12-05 on a quiet machine: max 1.66 s at
   * both sizes, 2.07 s once (2.1–2.9 s before the reserve). The bound adds a second to the 2 s
   * promise for that tail, which shares two cores with its 200 callers.
   */
  private static final long REFUSAL_BOUND_MS = 3_000;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void cacheHitsKeepAnsweringWhileTwoHundredRequestsWaitForAFrozenDatabase() throws Exception {
    long cached = OutboxProbe.createProduct(api, "PGLOAD");
    var cachedPath = "/api/products/" + cached;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "keystone; hit".equals(api.get(cachedPath).header("Cache-Status")));

    var freeze = Duration.ofSeconds(Faults.size(10, 20));
    var uncachedTimes = new ConcurrentLinkedQueue<Long>();
    var hitTimes = new ConcurrentLinkedQueue<Long>();
    var failures = new ConcurrentLinkedQueue<String>();
    var nextMissingId = new AtomicLong(cached + 2_000_000); // no product has these ids
    var postgres = KeystoneStack.get().devstack().postgres();
    ExecutorService callers = Executors.newSingleThreadExecutor();
    ScheduledExecutorService retries = Executors.newScheduledThreadPool(IN_FLIGHT);
    int processes;
    try {
      processes = Frozen.freeze(postgres);
      long end = System.nanoTime() + freeze.toNanos();
      var done = new CountDownLatch(IN_FLIGHT + 1);
      // All 200 start together; each then calls again when the answer's Retry-After says so, as
      // the API asks its clients to. A caller that ignores Retry-After and retries at once is the
      // rate limiter's business (docs/security.md#rate-limits), not the database deadline's.
      var go = new CountDownLatch(1);
      for (int i = 0; i < IN_FLIGHT; i++) {
        retries.execute(
            new Runnable() {
              @Override
              public void run() {
                try {
                  go.await();
                  var path = "/api/products/" + nextMissingId.getAndIncrement();
                  long begin = System.nanoTime();
                  var reply = api.get(path);
                  uncachedTimes.add((System.nanoTime() - begin) / 1_000_000);
                  expectRefused(reply, failures);
                  long retryAt = System.nanoTime() + retryAfterNanos(reply);
                  if (retryAt < end) {
                    retries.schedule(this, retryAt - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  failures.add("uncached read failed: " + e);
                }
                done.countDown();
              }
            });
      }
      go.countDown();
      callers.execute(
          () -> {
            try {
              while (System.nanoTime() < end) {
                long start = System.nanoTime();
                var reply = api.get(cachedPath);
                hitTimes.add((System.nanoTime() - start) / 1_000_000);
                if (reply.status() != 200) {
                  failures.add("cache hit answered " + reply);
                }
              }
            } catch (RuntimeException e) {
              failures.add("cache hit failed: " + e);
            } finally {
              done.countDown();
            }
          });
      assertThat(done.await(freeze.toSeconds() + 60, TimeUnit.SECONDS))
          .as("every caller finished")
          .isTrue();
      Frozen.assertFrozen(postgres); // still frozen for the whole load
    } finally {
      postgres.resume();
      callers.shutdownNow();
      retries.shutdownNow();
    }
    Frozen.assertThawed(postgres);
    long back = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                api.post(
                        "/api/products",
                        """
                        {"sku":"PGLOADBACK-%s","name":"Back","price":1.00,"currency":"EUR","stock":1}
                        """
                            .formatted(UUID.randomUUID().toString().substring(0, 12)))
                    .status(),
            status -> status == 201);
    long writingMs = (System.nanoTime() - back) / 1_000_000;
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> api.get("/health/ready").status() == 200);
    long readyAgainMs = (System.nanoTime() - back) / 1_000_000;

    var hits = sorted(hitTimes);
    var uncached = sorted(uncachedTimes);
    FaultReport.of("PostgreSQL hung, 200 uncached requests in flight")
        .serverErrors(failures.size())
        .detail(
            "%d processes frozen %d s; %d uncached reads 503 in p50 %d ms, p99 %d ms, max %d ms"
                + " (limit %d); %d cache hits 200 in p50 %d ms, p99 %d ms, max %d ms (p99 limit"
                + " %d); writing %d ms and ready %d ms after the thaw",
            processes,
            freeze.toSeconds(),
            uncached.size(),
            percentile(uncached, 50),
            percentile(uncached, 99),
            percentile(uncached, 100),
            REFUSAL_BOUND_MS,
            hits.size(),
            percentile(hits, 50),
            percentile(hits, 99),
            percentile(hits, 100),
            HIT_P99_BOUND_MS,
            writingMs,
            readyAgainMs)
        .print();
    assertThat(failures).as("answers other than the expected ones while frozen").isEmpty();
    assertThat(uncached).as("uncached reads while frozen").hasSizeGreaterThanOrEqualTo(IN_FLIGHT);
    assertThat(percentile(uncached, 100))
        .as("the slowest refusal (ms)")
        .isLessThanOrEqualTo(REFUSAL_BOUND_MS);
    assertThat(hits).as("cache hits while frozen").hasSizeGreaterThanOrEqualTo(10);
    assertThat(percentile(hits, 99))
        .as("cache hits' p99 while frozen (ms)")
        .isLessThanOrEqualTo(HIT_P99_BOUND_MS);
  }

  private static void expectRefused(Api.Reply reply, ConcurrentLinkedQueue<String> failures) {
    if (reply.status() != 503
        || !String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
        || reply.header("Retry-After") == null
        || reply.header("Retry-After").isBlank()) {
      failures.add("expected 503 problem+json with Retry-After: " + reply);
    }
  }

  private static List<Long> sorted(ConcurrentLinkedQueue<Long> times) {
    var list = new ArrayList<>(times);
    Collections.sort(list);
    return list;
  }

  /** The nearest-rank percentile (100 = max); -1 for no samples. */
  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** The answer's Retry-After in nanoseconds (0 when it has none). */
  private static long retryAfterNanos(Api.Reply reply) {
    var header = reply.header("Retry-After");
    return header == null ? 0 : TimeUnit.SECONDS.toNanos(Long.parseLong(header.strip()));
  }
}
