/**
 * The cache library's machinery, private to it (an ArchUnit rule keeps it so): the engine and its
 * interceptors, the Redis protocol (leases, version-fenced fills by Lua, invalidation messages),
 * the near cache, background refresh, the circuit breaker, metrics and the readiness check. This is
 * the only package of the application that touches Jedis.
 */
package dev.keystone.cache.internal;
