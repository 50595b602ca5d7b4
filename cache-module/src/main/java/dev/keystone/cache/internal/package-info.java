/**
 * The cache library's machinery, private to it (an ArchUnit rule keeps it so): the engine and the
 * interceptor, the after-commit evictions, the Redis protocol (leases, version-fenced fills by Lua,
 * invalidation messages) behind the {@link dev.keystone.cache.internal.CacheStore} port, the
 * breaker-guarded store, the near cache, background refresh, metrics and the readiness check. This
 * is the only package of the application that touches Jedis.
 */
package dev.keystone.cache.internal;
