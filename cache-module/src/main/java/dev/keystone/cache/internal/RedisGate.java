package dev.keystone.cache.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fail-open access to {@link RedisCache}: a Redis error or an open breaker becomes {@link
 * RedisCache.RedisUnavailable}, counted and logged once per outage, so the caller can go to the
 * loader.
 */
@ApplicationScoped
public class RedisGate {

  private static final Logger LOG = Logger.getLogger(RedisGate.class.getName());

  @Inject RedisCache redis;
  @Inject CacheMetrics metrics;

  private volatile long lastLoggedMs;

  public <T> T call(String cache, Function<UnifiedJedis, T> op) throws RedisCache.RedisUnavailable {
    try {
      return redis.call(op);
    } catch (RedisCache.BreakerOpen e) {
      throw new RedisCache.RedisUnavailable(e);
    } catch (RuntimeException e) {
      metrics.count(cache, CacheMetrics.Event.ERRORS);
      long now = System.currentTimeMillis();
      if (now - lastLoggedMs > 10_000) {
        lastLoggedMs = now;
        LOG.log(Level.WARNING, "Redis unavailable, serving from the loader: {0}", e.toString());
      }
      throw new RedisCache.RedisUnavailable(e);
    }
  }

  /** As {@link #call} for a write whose failure only costs a later miss. */
  public void quietly(String cache, Function<UnifiedJedis, ?> op) {
    try {
      call(cache, op);
    } catch (RedisCache.RedisUnavailable e) {
      // absorbed: the entry ends by its TTL or is simply not cached
    }
  }
}
