/**
 * The Redis cache of seed §2: "what is the value right now". Cache-aside behind the {@link
 * dev.keystone.domain.cache.Cached} and {@link dev.keystone.domain.cache.CacheEvict} interceptor
 * bindings. This is the only package of the application that touches Jedis (an ArchUnit rule says
 * so). Redis is an optimisation, never a source of truth: every Redis failure falls back to the
 * loader, so a dead Redis never fails a request.
 */
package dev.keystone.domain.cache;
