package dev.keystone.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keystone.cache.CacheSettings;
import dev.keystone.platform.cachekeys.CacheKeys;
import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class RedisCacheTest {

  private static CacheSettings settings(double jitter) {
    return new CacheSettings(
        true,
        true,
        Duration.ofSeconds(100),
        jitter,
        Duration.ofSeconds(60),
        1.0,
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        false,
        Duration.ofSeconds(1));
  }

  @Test
  void jitterStaysWithinItsBoundsAndSpreadsExpiries() {
    var s = settings(0.10);
    var seen = new HashSet<Long>();
    for (int i = 0; i < 1000; i++) {
      long ms = s.jitteredTtlMs();
      assertTrue(ms >= 90_000 && ms <= 110_000, "out of bounds: " + ms);
      seen.add(ms / 1000);
    }
    assertTrue(seen.size() > 10, "keys written together must not expire together: " + seen);
  }

  @Test
  void keysLiveUnderAVersionedNamespace() {
    assertEquals("keystone:v2:{product:42}", CacheKeys.key("product", 42L));
    assertEquals("product", CacheKeys.cacheOf(CacheKeys.key("product", 42L)));
  }

  @Test
  void entriesRoundTripTheirRedisForm() {
    var e = new CacheEntry(7, 12, 1_700_000_000_000L, "{\"a\":\"x|y\"}");
    assertEquals(e, CacheEntry.decode(e.encode()));
    assertNull(CacheEntry.decode("{\"legacy\":true}"));
  }

  @Test
  void xfetchRefreshesMoreOftenAsExpiryNears() {
    var e = new CacheEntry(1, 100, 10_000, "{}");
    assertFalse(e.refreshEarly(0, 1.0, 0.5), "far from expiry: 100 ms · ln 2 is not 10 s");
    assertTrue(e.refreshEarly(9_950, 1.0, 0.5), "50 ms before expiry: 69 ms ≥ 50 ms");
    assertTrue(e.refreshEarly(10_000, 1.0, 1.0), "at expiry always");
  }
}
