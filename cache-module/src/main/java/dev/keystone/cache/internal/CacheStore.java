package dev.keystone.cache.internal;

import dev.keystone.cache.internal.CacheProtocol.Fill;

/**
 * The Redis side of the cache contract (docs/cache.md, "The contract on the Redis side"), one
 * operation per step of {@link CacheProtocol}: the port between the engine and Redis. {@link
 * RedisCache} implements it with Jedis; unit tests use an in-memory fake. Any operation may throw a
 * {@link RuntimeException} when Redis cannot answer; {@link GuardedStore} turns that into a
 * fail-open miss.
 */
public interface CacheStore {

  /** The entry under {@code key}, or {@code null}. */
  CacheEntry get(String key);

  /** Takes the fill lease of {@code key} ({@code SET NX PX}); true if it was free. */
  boolean tryLease(String key, String token, long leaseMs);

  /** Gives the lease back if it still holds {@code token}. */
  void release(String key, String token);

  /**
   * Stores {@code entry} only if the lease still holds {@code token} and no higher version is
   * stored; releases the lease.
   */
  Fill fill(String key, String token, CacheEntry entry, long ttlMs);

  /** Stores {@code entry} without lease or fence (protection switched off). */
  void put(String key, CacheEntry entry, long ttlMs);

  /** Deletes the value and its lease and announces the key to every near cache. */
  void invalidate(String key);
}
