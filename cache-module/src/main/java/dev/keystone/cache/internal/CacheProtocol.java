package dev.keystone.cache.internal;

import dev.keystone.platform.cachekeys.CacheKeys;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis side of the cache contract (docs/architecture.md §5.1 and §5.2), as atomic commands and
 * Lua scripts. It is documented in {@code docs/cache-contract.md} so that other writers (the
 * consumers' cache refresher) can invalidate safely with nothing but the key scheme:
 *
 * <ul>
 *   <li>{@code <key>} holds a {@link CacheEntry}; {@code <key>:lease} holds the token of the one
 *       loader allowed to fill it ({@code SET NX PX}, so a holder that dies loses it by expiry).
 *   <li>A fill lands only if its lease is still there with its token and the stored version is not
 *       higher (one Lua script: compare-and-set). Invalidation deletes both keys, so a fill that
 *       began before an invalidation finds its lease gone and is rejected.
 *   <li>Invalidation also publishes the key on {@link #CHANNEL} so that every server drops it from
 *       its near cache.
 * </ul>
 */
public final class CacheProtocol {

  /** The pub/sub channel on which invalidated keys are announced to the near caches. */
  public static final String CHANNEL = CacheKeys.NAMESPACE + "invalidate";

  /** Result of a fill. */
  public enum Fill {
    STORED,
    /** The lease was gone or taken over: an invalidation happened while the value was loading. */
    LEASE_LOST,
    /** Redis holds a higher version already. */
    OLDER_VERSION
  }

  private static final String FILL =
      """
      if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
      redis.call('DEL', KEYS[2])
      local cur = redis.call('GET', KEYS[1])
      if cur then
        local v = tonumber(string.match(cur, '^(%-?%d+)|'))
        if v and v > tonumber(ARGV[3]) then return -1 end
      end
      redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
      return 1
      """;

  private static final String RELEASE =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private static final String INVALIDATE =
      """
      local n = redis.call('DEL', KEYS[1], KEYS[2])
      redis.call('PUBLISH', ARGV[1], KEYS[1])
      return n
      """;

  private CacheProtocol() {}

  /**
   * The keys each script touches, in its {@code KEYS} order. A value and its lease share the hash
   * tag of {@code CacheKeys.key}, so every list lies in one Redis Cluster slot (CacheProtocolTest).
   */
  enum Script {
    FILL,
    RELEASE,
    INVALIDATE;

    List<String> keys(String key) {
      return this == RELEASE ? List.of(leaseKey(key)) : List.of(key, leaseKey(key));
    }
  }

  /** The lease (mutex) key of a cache key. */
  public static String leaseKey(String key) {
    return key + ":lease";
  }

  public static CacheEntry get(UnifiedJedis redis, String key) {
    return CacheEntry.decode(redis.get(key));
  }

  /** Takes the fill lease for {@code key} if nobody holds it. */
  public static boolean tryLease(UnifiedJedis redis, String key, String token, long leaseMs) {
    return "OK".equals(redis.set(leaseKey(key), token, SetParams.setParams().nx().px(leaseMs)));
  }

  /** Gives the lease back if it is still ours (compare-and-delete). */
  public static void release(UnifiedJedis redis, String key, String token) {
    redis.eval(RELEASE, Script.RELEASE.keys(key), List.of(token));
  }

  /** Version-fenced fill under the lease {@code token}; releases the lease. */
  public static Fill fill(
      UnifiedJedis redis, String key, String token, CacheEntry entry, long ttlMs) {
    var result =
        (Long)
            redis.eval(
                FILL,
                Script.FILL.keys(key),
                List.of(
                    token,
                    entry.encode(),
                    Long.toString(entry.version()),
                    Long.toString(Math.max(1, ttlMs))));
    return result == 1 ? Fill.STORED : result == 0 ? Fill.LEASE_LOST : Fill.OLDER_VERSION;
  }

  /** Unprotected write (protection switched off): a plain {@code SET PX}. */
  public static void put(UnifiedJedis redis, String key, CacheEntry entry, long ttlMs) {
    redis.set(key, entry.encode(), SetParams.setParams().px(Math.max(1, ttlMs)));
  }

  /** Deletes the value and its lease and announces the key to the near caches. */
  public static void invalidate(UnifiedJedis redis, String key) {
    redis.eval(INVALIDATE, Script.INVALIDATE.keys(key), List.of(CHANNEL));
  }
}
