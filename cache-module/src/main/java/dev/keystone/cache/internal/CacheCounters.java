package dev.keystone.cache.internal;

/**
 * Where the cache counts what happened, per cache name: {@link CacheMetrics} in the server, a map
 * in unit tests.
 */
public interface CacheCounters {

  /** What is counted ({@code keystone_cache_<event>_total}, docs/cache.md "Metrics"). */
  enum Event {
    HITS,
    MISSES,
    STALE,
    EARLY_REFRESHES,
    COALESCED_WAITS,
    LEASE_WAITS,
    FENCED_FILLS,
    ERRORS,
    NEAR_HITS,
    NEAR_INVALIDATIONS
  }

  void count(String cache, Event event);
}
