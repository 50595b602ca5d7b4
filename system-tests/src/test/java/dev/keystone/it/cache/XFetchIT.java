package dev.keystone.it.cache;

import static dev.keystone.it.cache.CacheFixture.insertProduct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.cache.internal.CacheEntry;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md §5.1, probabilistic early refresh: under steady load on server B (3 s TTL, β
 * = 30) the hot key is recomputed before its soft expiry — the stored expiry moves forward while
 * the old one is still in the future — and no reader sees a miss.
 */
class XFetchIT {

  @Test
  void aHotKeyIsRefreshedBeforeItExpires() throws Exception {
    var b = CacheFixture.nodeB();
    long id = insertProduct("XFETCH"); // no event, so no late DEL from the consumers
    var path = "/api/products/" + id;
    assertThat(b.get(path).status()).isEqualTo(200);

    var statuses = new ArrayList<String>();
    var earlyRefreshes = new ArrayList<Long>();
    try (var redis = CacheFixture.redis()) {
      long previousExpiry = softExpiry(redis, id);
      long end = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < end && earlyRefreshes.size() < 2) {
        statuses.add(b.get(path).header("Cache-Status"));
        long now = System.currentTimeMillis();
        long expiry = softExpiry(redis, id);
        if (expiry != previousExpiry) {
          if (now < previousExpiry) {
            earlyRefreshes.add(previousExpiry - now);
          }
          previousExpiry = expiry;
        }
      }
    }
    System.out.println("XFetch refreshed " + earlyRefreshes + " ms before expiry");
    assertThat(earlyRefreshes).as("refreshes that happened before expiry").isNotEmpty();
    assertThat(statuses).as("no reader pays for a miss").noneMatch(s -> s.contains("fwd=miss"));
  }

  private static long softExpiry(redis.clients.jedis.JedisPooled redis, long id) {
    var entry = CacheEntry.decode(redis.get(CacheFixture.key(id)));
    return entry == null ? -1 : entry.softExpiryMs();
  }
}
