package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.burst;
import static dev.keystone.it.cache.CacheFixture.insertProduct;
import static dev.keystone.it.cache.CacheFixture.invalidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.DatabaseLoads;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md §5.1, the stampede: a burst of concurrent reads of a hot key that just left
 * the cache costs one database load on one server and across two servers (coalescing in the JVM, a
 * lease in Redis across JVMs); without the protection the same burst loads many times. Loads are
 * counted by PostgreSQL itself (pg_stat_statements). Products are inserted straight into the
 * database, so no {@code ProductCreated} event makes the consumers' cache refresher delete the key
 * mid-burst.
 */
@Tag("fault")
class StampedeIT {

  /** Backends that must be queued on the table lock before the unprotected burst is let go. */
  private static final int PILED_UP = 20;

  private final CacheFixture.Node api = CacheFixture.nodeA();

  @Test
  void twoHundredConcurrentMissesOnOneServerLoadOnce() throws Exception {
    long loads = stampede(List.of(api), 200);
    assertThat(loads).as("database loads for 200 concurrent misses on one server").isEqualTo(1);
  }

  @Test
  void twoServersSharingRedisLoadAtMostOnce() throws Exception {
    long loads = stampede(List.of(api, CacheFixture.nodeC()), 120);
    FaultReport.of("§5.1 stampede on a hot key, two servers")
        .detail("%d database load(s) for 240 concurrent misses on an invalidated key", loads)
        .print();
    assertThat(loads).as("database loads for 240 concurrent misses on two servers").isEqualTo(1);
  }

  /** Cache-Status of a read that Redis did not answer in time: it went to the database itself. */
  private static final String FAIL_OPEN = "keystone; fwd=miss; detail=\"redis-unavailable\"";

  /**
   * The control: plain cache-aside on a server with the protection switched off. A loaded machine
   * can serialise a burst so well that even plain cache-aside loads once, so the test makes the
   * load slow the way a busy database does: it locks the products table from its own connection
   * until {@value #PILED_UP} loads queue behind the lock, then lets them all go.
   */
  @Test
  void withoutProtectionTheSameBurstLoadsManyTimes() throws Exception {
    var off =
        KeystoneStack.get()
            .startExtraServer(
                "keystone-off",
                Map.of(
                    "KEYSTONE_CACHE_PRODUCT_PROTECTION", "false",
                    "KEYSTONE_CACHE_PRODUCT_NEAR", "false"));
    try {
      var node = new CacheFixture.Node(off);
      long id = insertProduct("UNPROTECTED");
      var path = "/api/products/" + id;
      assertThat(node.get(path).status()).isEqualTo(200);
      try (var redis = CacheFixture.redis()) {
        invalidate(redis, id);
      }
      long before = DatabaseLoads.productFinds();
      List<Api.Reply> replies;
      try (var lock = KeystoneStack.get().database()) {
        lock.setAutoCommit(false);
        try (var s = lock.createStatement()) {
          s.execute("lock table products in access exclusive mode");
        }
        var burst = CompletableFuture.supplyAsync(() -> burstOf(node, path));
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> burst.isDone() || queuedProductLoads() >= PILED_UP);
        lock.rollback();
        replies = burst.get();
      }
      long loads = DatabaseLoads.productFinds() - before;
      System.out.println("stampede without protection: " + loads + " database loads");
      FaultReport.of("§5.1 stampede, protection switched off (the control)")
          .detail("%d database loads for the same burst on one server", loads)
          .print();
      assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
      assertThat(loads).as("plain cache-aside lets the stampede through").isGreaterThan(10);
    } finally {
      off.stop();
    }
  }

  /**
   * Warms the key, invalidates it as a write would, fires the burst; returns the DB loads that the
   * stampede protection let through. A read whose Redis call timed out (50 ms; on this shared
   * machine at a load average of 30+ that happens) is served fail-open straight from the database
   * by design (§8) and says so in its Cache-Status; such loads are subtracted, at most a few are
   * tolerated, and every other load must be the one lease holder's.
   */
  private long stampede(List<CacheFixture.Node> servers, int perServer) throws Exception {
    long id = insertProduct("STAMPEDE");
    var path = "/api/products/" + id;
    for (var server : servers) {
      assertThat(server.get(path).status()).isEqualTo(200);
    }
    try (var redis = CacheFixture.redis()) {
      invalidate(redis, id);
    }
    long before = DatabaseLoads.productFinds();
    var replies = burst(servers, path, perServer);
    long loads = DatabaseLoads.productFinds() - before;
    System.out.println(
        "stampede on "
            + servers.size()
            + " server(s): "
            + loads
            + " database load(s); "
            + replies.stream()
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        r -> String.valueOf(r.header("Cache-Status")),
                        java.util.stream.Collectors.counting())));
    assertThat(replies)
        .allSatisfy(
            r -> {
              assertThat(r.status()).as(r.toString()).isEqualTo(200);
              assertThat(r.json().getJsonNumber("id").longValue()).isEqualTo(id);
            });
    long failOpen =
        replies.stream().filter(r -> FAIL_OPEN.equals(r.header("Cache-Status"))).count();
    assertThat(failOpen).as("reads served fail-open (Redis timed out)").isLessThanOrEqualTo(5);
    return loads - failOpen;
  }

  private static List<Api.Reply> burstOf(CacheFixture.Node node, String path) {
    try {
      return burst(List.of(node), path, 200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Product loads waiting for a lock right now (from a connection outside the locking one). */
  private static long queuedProductLoads() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query ilike '%from products where (id = $1)%'");
        var rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
