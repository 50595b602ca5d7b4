package dev.keystone.cache.internal;

import dev.keystone.cache.CacheOutcome;
import dev.keystone.cache.Cached;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Cache-aside for {@link Cached} methods (docs/architecture.md §3 read path, §5.1 stampede
 * protection): delegates to {@link CacheEngine} and tells the gateway how the read was answered
 * ({@link CacheStatus}). Runs outside the loader's transaction (priority before
 * {@code @Transactional}) so a read never holds a database connection while it talks to Redis or
 * waits for another loader.
 */
@Cached
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CacheInterceptor {

  @Inject CacheEngine engine;
  @Inject RequestCacheStatus status;

  @AroundInvoke
  Object read(InvocationContext ctx) throws Exception {
    var cache = ctx.getMethod().getAnnotation(Cached.class).cache();
    return engine.read(ctx, cache, this::record);
  }

  private void record(CacheOutcome outcome, Object value, String json) {
    try {
      status.record(outcome, value, json);
    } catch (ContextNotActiveException e) {
      // a read outside an HTTP request: nobody to tell
    }
  }
}
