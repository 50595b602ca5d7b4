package dev.keystone.it.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.cache.internal.CacheEntry;
import dev.keystone.cache.internal.CacheProtocol;
import dev.keystone.cache.internal.CacheProtocol.Fill;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * docs/architecture.md §5.2, the two invalidation races, played step by step (deterministically)
 * against the real Redis with the cache's own protocol: a fill that began before an invalidation
 * cannot land after it, and a fill never overwrites a newer version. Also: a lease holder that dies
 * loses the lease.
 */
class InvalidationRaceIT {

  private static final long TTL = 60_000;

  @Test
  void aFillThatBeganBeforeAnInvalidationCannotLandAfterIt() {
    try (var redis = CacheFixture.redis()) {
      var key = freshKey();
      assertThat(CacheProtocol.tryLease(redis, key, "reader-1", 5_000)).isTrue();
      // reader 1 has read version 1 from the database; now a write commits version 2 and evicts
      CacheProtocol.invalidate(redis, key);
      // reader 2 misses after the eviction and loads version 2
      assertThat(CacheProtocol.tryLease(redis, key, "reader-2", 5_000)).isTrue();
      assertThat(CacheProtocol.fill(redis, key, "reader-2", entry(2), TTL)).isEqualTo(Fill.STORED);
      // reader 1's fill arrives late
      assertThat(CacheProtocol.fill(redis, key, "reader-1", entry(1), TTL))
          .isEqualTo(Fill.LEASE_LOST);
      assertThat(version(redis, key)).isEqualTo(2);
    }
  }

  @Test
  void aLateFillAfterAnInvalidationLeavesTheKeyEmpty() {
    try (var redis = CacheFixture.redis()) {
      var key = freshKey();
      assertThat(CacheProtocol.tryLease(redis, key, "reader-1", 5_000)).isTrue();
      CacheProtocol.invalidate(redis, key);
      assertThat(CacheProtocol.fill(redis, key, "reader-1", entry(1), TTL))
          .isEqualTo(Fill.LEASE_LOST);
      assertThat(redis.get(key)).isNull();
    }
  }

  @Test
  void aFillNeverOverwritesANewerVersion() {
    try (var redis = CacheFixture.redis()) {
      var key = freshKey();
      assertThat(CacheProtocol.tryLease(redis, key, "refresher", 5_000)).isTrue();
      assertThat(CacheProtocol.fill(redis, key, "refresher", entry(5), TTL)).isEqualTo(Fill.STORED);
      // a slow reader (say, from a lagging replica) holds a valid lease but an older row
      assertThat(CacheProtocol.tryLease(redis, key, "slow", 5_000)).isTrue();
      assertThat(CacheProtocol.fill(redis, key, "slow", entry(4), TTL))
          .isEqualTo(Fill.OLDER_VERSION);
      assertThat(version(redis, key)).isEqualTo(5);
    }
  }

  @Test
  void aLeaseHolderThatDiesLosesTheLeaseByExpiry() {
    try (var redis = CacheFixture.redis()) {
      var key = freshKey();
      assertThat(CacheProtocol.tryLease(redis, key, "dies", 300)).isTrue();
      assertThat(CacheProtocol.tryLease(redis, key, "other", 5_000)).isFalse();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> CacheProtocol.tryLease(redis, key, "other", 5_000));
    }
  }

  private static String freshKey() {
    return "keystone:v2:{race:" + UUID.randomUUID() + "}";
  }

  private static CacheEntry entry(long version) {
    return new CacheEntry(
        version,
        ThreadLocalRandom.current().nextInt(1, 5),
        System.currentTimeMillis() + TTL,
        "{\"version\":" + version + "}");
  }

  private static long version(JedisPooled redis, String key) {
    return CacheEntry.decode(redis.get(key)).version();
  }
}
