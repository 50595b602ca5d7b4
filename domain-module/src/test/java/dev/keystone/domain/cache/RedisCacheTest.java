package dev.keystone.domain.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class RedisCacheTest {

  @Test
  void jitterStaysWithinItsBoundsAndSpreadsExpiries() {
    var cache = new RedisCache();
    cache.jitter = 0.10;
    var seen = new HashSet<Long>();
    for (int i = 0; i < 1000; i++) {
      long ms = cache.jittered(Duration.ofSeconds(100)).toMillis();
      assertTrue(ms >= 90_000 && ms <= 110_000, "out of bounds: " + ms);
      seen.add(ms / 1000);
    }
    assertTrue(seen.size() > 10, "keys written together must not expire together: " + seen);
  }

  @Test
  void keysLiveUnderAVersionedNamespace() {
    assertEquals("keystone:v1:product:42", CacheKeys.key("product", 42L));
  }
}
