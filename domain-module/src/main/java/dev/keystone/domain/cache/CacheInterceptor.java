package dev.keystone.domain.cache;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Cache-aside for {@link Cached} methods (seed §3, read path): Redis GET → hit: return → miss: run
 * the loader, SET with a jittered TTL, return. Runs outside the loader's transaction (priority
 * before {@code @Transactional}) so a read never holds a database connection while it talks to
 * Redis.
 */
@Cached
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CacheInterceptor {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject RedisCache redis;
  @Inject CacheStatus status;
  @Inject Config config;

  @AroundInvoke
  Object read(InvocationContext ctx) throws Exception {
    var cache = ctx.getMethod().getAnnotation(Cached.class).cache();
    var key = CacheKeys.key(cache, ctx.getParameters()[0]);
    var type = ctx.getMethod().getGenericReturnType();
    try {
      var cached = redis.get(key);
      if (cached.isPresent()) {
        record(CacheOutcome.HIT);
        return JSON.fromJson(cached.get(), type);
      }
    } catch (RedisCache.RedisUnavailable e) {
      record(CacheOutcome.UNAVAILABLE);
      return ctx.proceed();
    }
    var value = ctx.proceed();
    redis.set(key, JSON.toJson(value, type), ttl(cache));
    record(CacheOutcome.MISS);
    return value;
  }

  private Duration ttl(String cache) {
    return config
        .getOptionalValue("keystone.cache." + cache + ".ttl-seconds", Long.class)
        .map(Duration::ofSeconds)
        .orElse(Duration.ofMinutes(5));
  }

  private void record(CacheOutcome outcome) {
    try {
      status.record(outcome);
    } catch (ContextNotActiveException e) {
      // a read outside an HTTP request (e.g. a background refresh): nobody to tell
    }
  }
}
