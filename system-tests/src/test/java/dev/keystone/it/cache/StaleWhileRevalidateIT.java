package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.burst;
import static dev.keystone.it.cache.CacheFixture.insertProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.cache.internal.CacheEntry;
import dev.keystone.it.support.DatabaseLoads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md §5.1, stale-while-revalidate: past its soft TTL (30 s on server A) a value
 * is still served, marked {@code fwd=stale}, while exactly one background refresh loads the new
 * row.
 *
 * <p>The product is inserted straight into PostgreSQL: one created through the API emits {@code
 * ProductCreated}, and in a busy full run the consumers' cache refresher sometimes delivered its
 * {@code DEL} of the key only after the refresh had filled it, which showed up here as a second
 * "refresh" load (the miss that followed the late DEL).
 */
class StaleWhileRevalidateIT {

  private final CacheFixture.Node api = CacheFixture.nodeA();

  @Test
  void aStaleValueIsServedAtOnceWhileOneRefreshRuns() throws Exception {
    long id = insertProduct("SWR");
    var path = "/api/products/" + id;
    // a test before this one may have left the breaker half-open: wait for a healthy hit first
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "keystone; hit".equals(api.get(path).header("Cache-Status")));
    CacheFixture.renameInDatabase(id, "Renamed"); // behind the cache's back: no eviction

    long softExpiry;
    try (var redis = CacheFixture.redis()) {
      softExpiry = CacheEntry.decode(redis.get(CacheFixture.key(id))).softExpiryMs();
    }
    await() // server A's soft TTL is 30 s ± 10 %
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> System.currentTimeMillis() > softExpiry + 20);

    long before = DatabaseLoads.productFinds();
    var replies = burst(List.of(api), path, 50);
    assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(replies)
        .as("no reader waits for the database: stale or (once refreshed) fresh hits")
        .allSatisfy(r -> assertThat(r.header("Cache-Status")).startsWith("keystone; hit"));
    assertThat(replies)
        .filteredOn(r -> "keystone; hit; fwd=stale".equals(r.header("Cache-Status")))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.json().getString("name")).isEqualTo("Original"));

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "Renamed".equals(api.get(path).json().getString("name")));
    var fresh = api.get(path);
    assertThat(fresh.header("Cache-Status")).isEqualTo("keystone; hit");
    assertThat(fresh.header("ETag")).isEqualTo("\"2\"");
    assertThat(DatabaseLoads.productFinds() - before).as("exactly one refresh").isEqualTo(1);
  }
}
