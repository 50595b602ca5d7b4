/**
 * The cache-aside library (docs/architecture.md §2, "what is the value right now") with the
 * stampede and invalidation defences of §5.1 and §5.2. An application annotates a CDI bean's read
 * method with {@link dev.keystone.cache.Cached} and, in every writing transaction, calls {@link
 * dev.keystone.cache.CacheEvictions#evictAfterCommit} for the entries it changed; values implement
 * {@link dev.keystone.cache.Versioned} so that an older fill never overwrites a newer value; {@link
 * dev.keystone.cache.CacheStatus} tells a resource how the cache answered (for an RFC 9211 {@code
 * Cache-Status} header); {@link dev.keystone.cache.CacheSettings} holds one cache's settings from
 * MP Config.
 *
 * <p>Redis is an optimisation, never a source of truth: every Redis failure falls back to the
 * loader, behind a circuit breaker, so a dead Redis never fails a request. The protocol, key
 * scheme, settings and the near cache's staleness bound are in docs/cache.md.
 */
package dev.keystone.cache;
