/**
 * Reference endpoints for the cache benchmark ({@code bench/cache.sh}): a no-op resource (the
 * floor) and one bare Jedis GET of a cached product's bytes. Off unless {@code
 * keystone.bench.enabled=true}: in production they answer 404.
 */
package dev.keystone.web.bench;
