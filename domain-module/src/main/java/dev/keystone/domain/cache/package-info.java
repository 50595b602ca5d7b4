/**
 * The Redis cache of seed §2 ("what is the value right now") with the stampede and invalidation
 * defences of §5.1 and §5.2, behind the {@link dev.keystone.domain.cache.Cached} and {@link
 * dev.keystone.domain.cache.CacheEvict} interceptor bindings.
 *
 * <p>Read path ({@link dev.keystone.domain.cache.CacheEngine}): near cache (optional, per cache) →
 * Redis GET → fresh: serve (XFetch may start one early background refresh) · stale within the grace
 * period: serve stale and start one background refresh · miss: one loader per key in the JVM
 * (coalescing), one across servers (a {@code SET NX PX} lease with a token), version-fenced fill by
 * Lua. Write path: {@code @CacheEvict} invalidates after commit — DEL of the value and its lease
 * and a PUBLISH on {@code keystone:v1:invalidate} — so a fill that began before the invalidation
 * cannot land after it and every near cache drops the key. Plain {@code DEL} of the key stays a
 * valid invalidation for outside writers. The protocol, key scheme, settings and the near cache's
 * staleness bound are documented in {@code docs/cache-contract.md}.
 *
 * <p>This is the only package of the application that touches Jedis (an ArchUnit rule says so).
 * Redis is an optimisation, never a source of truth: every Redis failure falls back to the loader,
 * behind a circuit breaker ({@link Breaker}), so a dead Redis never fails a request.
 */
package dev.keystone.domain.cache;
