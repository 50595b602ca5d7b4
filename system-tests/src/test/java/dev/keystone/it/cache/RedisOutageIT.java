package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.createProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md §5.2, fail-open: with Redis frozen (SIGSTOP: connections stay open, nothing
 * answers) or killed, every read is served from the database; the circuit breaker opens so the
 * outage costs a few 50 ms timeouts, not one per request; readiness stays UP saying "degraded";
 * hits resume when Redis is back, without a restart.
 */
@Tag("fault")
class RedisOutageIT {

  private final CacheFixture.Node api = CacheFixture.nodeA();

  @Test
  void aFrozenRedisCostsAFewTimeoutsThenTheBreakerAnswers() {
    long id = createProduct(api, "PAUSE");
    var path = "/api/products/" + id;
    api.get(path);
    var redis = KeystoneStack.get().devstack().redis();
    var latencies = new ArrayList<Long>();
    redis.pause();
    try {
      for (int i = 0; i < 40; i++) {
        long start = System.nanoTime();
        var reply = api.get(path);
        latencies.add((System.nanoTime() - start) / 1_000_000);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getJsonNumber("id").longValue()).isEqualTo(id);
      }
      assertThat(api.metrics())
          .as("the breaker is open")
          .containsPattern("keystone_cache_breaker_open\\S* 1\\.0");
      var ready = api.get("/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.body()).contains("degraded");
    } finally {
      redis.resume();
    }
    System.out.println("read latencies (ms) with Redis frozen: " + latencies);
    FaultReport.of("Redis down (frozen) during reads")
        .detail(
            "40 of 40 reads 200; latency first %d ms, max %d ms, last %d ms (breaker open)",
            latencies.get(0),
            latencies.stream().mapToLong(Long::longValue).max().orElse(-1),
            latencies.get(latencies.size() - 1))
        .print();
    awaitHitsResume(path);
  }

  @Test
  void aKilledRedisFailsNoReadAndHitsResumeWhenItIsBack() {
    long id = createProduct(api, "KILL");
    var path = "/api/products/" + id;
    api.get(path);
    var redis = KeystoneStack.get().devstack().redis();
    redis.kill();
    try {
      for (int i = 0; i < 40; i++) {
        var reply = api.get(path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Cache-Status")).doesNotContain("hit");
      }
    } finally {
      redis.start();
    }
    awaitHitsResume(path);
  }

  private void awaitHitsResume(String path) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> "keystone; hit".equals(api.get(path).header("Cache-Status")));
  }
}
