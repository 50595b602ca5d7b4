package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.burst;
import static dev.keystone.it.cache.CacheFixture.createProduct;
import static dev.keystone.it.cache.CacheFixture.invalidate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.DatabaseLoads;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Seed §5.1, the stampede: a burst of concurrent reads of a hot key that just left the cache costs
 * one database load on one server and across two servers (coalescing in the JVM, a lease in Redis
 * across JVMs); without the protection the same burst loads many times. Loads are counted by
 * PostgreSQL itself (pg_stat_statements).
 */
class StampedeIT {

  private final CacheFixture.Node api = CacheFixture.nodeA();

  @Test
  void twoHundredConcurrentMissesOnOneServerLoadOnce() throws Exception {
    long loads = stampede(List.of(api), 200);
    assertThat(loads).as("database loads for 200 concurrent misses on one server").isEqualTo(1);
  }

  @Test
  void twoServersSharingRedisLoadAtMostOnce() throws Exception {
    long loads = stampede(List.of(api, CacheFixture.nodeB()), 120);
    assertThat(loads).as("database loads for 240 concurrent misses on two servers").isEqualTo(1);
  }

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
      long loads = stampede(List.of(new CacheFixture.Node(off)), 200);
      System.out.println("stampede without protection: " + loads + " database loads");
      assertThat(loads).as("plain cache-aside lets the stampede through").isGreaterThan(10);
    } finally {
      off.stop();
    }
  }

  /**
   * Warms the key, invalidates it as a write would, then fires the burst while the products table
   * is locked (ACCESS EXCLUSIVE), so every load that starts blocks in PostgreSQL until the lock is
   * released a second after the first one queued: a slow loader, made deterministic without any
   * hook in the code under test. Returns the database loads the burst caused.
   */
  private long stampede(List<CacheFixture.Node> servers, int perServer) throws Exception {
    long id = createProduct(api, "STAMPEDE");
    var path = "/api/products/" + id;
    for (var server : servers) {
      assertThat(server.get(path).status()).isEqualTo(200);
    }
    try (var redis = CacheFixture.redis()) {
      invalidate(redis, id);
    }
    long before = DatabaseLoads.productFinds();
    List<Api.Reply> replies;
    var pool = Executors.newSingleThreadExecutor();
    try (var lock = KeystoneStack.get().database()) {
      lock.setAutoCommit(false);
      try (var st = lock.createStatement()) {
        st.execute("lock table products in access exclusive mode");
      }
      Future<List<Api.Reply>> burst = pool.submit(() -> burst(servers, path, perServer));
      await().atMost(Duration.ofSeconds(60)).until(() -> blockedOnProducts() >= 1);
      await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
      lock.rollback();
      replies = burst.get();
    } finally {
      pool.shutdownNow();
    }
    long loads = DatabaseLoads.productFinds() - before;
    assertThat(replies)
        .allSatisfy(
            r -> {
              assertThat(r.status()).as(r.toString()).isEqualTo(200);
              assertThat(r.json().getJsonNumber("id").longValue()).isEqualTo(id);
            });
    return loads;
  }

  /** Backends waiting for a lock, i.e. loads queued behind the test's table lock. */
  private static long blockedOnProducts() throws Exception {
    try (var c = KeystoneStack.get().database();
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and query ilike '%from products%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
