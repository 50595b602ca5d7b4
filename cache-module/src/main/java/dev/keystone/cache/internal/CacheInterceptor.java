package dev.keystone.cache.internal;

import dev.keystone.cache.CacheOutcome;
import dev.keystone.cache.CacheStatus;
import dev.keystone.cache.Cached;
import dev.keystone.platform.cachekeys.CacheKeys;
import dev.keystone.platform.tracing.Spans;
import dev.keystone.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Cache-aside for {@link Cached} methods (docs/architecture.md §3 read path, §5.1 stampede
 * protection): hands the call to {@link CacheEngine} and tells the gateway how the read was
 * answered ({@link CacheStatus}). Runs outside the loader's transaction (priority before
 * {@code @Transactional}) so a read never holds a database connection while it talks to Redis or
 * waits for another loader.
 */
@Cached
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CacheInterceptor {

  /**
   * Set while a background refresh calls the loader: the target may be the container's intercepted
   * instance, and the interceptor must then step aside instead of answering from the cache.
   */
  private static final ThreadLocal<Boolean> REFRESHING = new ThreadLocal<>();

  @Inject CacheWiring wiring;
  @Inject RequestCacheStatus status;
  @Inject Tracing tracing;

  /** How the engine reports each read's outcome: one object, not one per read. */
  private final CacheEngine.Outcomes outcomes = this::record;

  @AroundInvoke
  Object read(InvocationContext ctx) throws Exception {
    if (REFRESHING.get() != null) {
      return ctx.proceed();
    }
    var cache = ctx.getMethod().getAnnotation(Cached.class).cache();
    var key = CacheKeys.key(cache, ctx.getParameters()[0]);
    var call = new Invocation(cache, key, ctx.getMethod().getGenericReturnType(), ctx);
    if (!tracing.enabled()) {
      return wiring.engine().read(call, outcomes); // OpenTelemetry off: no span at all
    }
    // the read's span (docs/tracing.md): its outcome (hit, miss, stale …) as an attribute, the
    // Redis calls and the loader's span as its children
    var span =
        tracing
            .tracer("dev.keystone.cache")
            .spanBuilder("cache read " + cache)
            .setAttribute("keystone.cache.name", cache)
            .setAttribute("keystone.cache.key", key)
            .startSpan();
    return Spans.within(span, current -> wiring.engine().read(call, outcomes));
  }

  private void record(CacheOutcome outcome, Object value, String json) {
    if (tracing.enabled()) {
      Span.current()
          .setAttribute("keystone.cache.outcome", outcome.name().toLowerCase(Locale.ROOT));
    }
    try {
      status.record(outcome, value, json);
    } catch (ContextNotActiveException e) {
      // a read outside an HTTP request: nobody to tell
    }
  }

  /** The intercepted invocation as the engine's {@link CachedCall}. */
  private record Invocation(String cache, String key, Type type, InvocationContext ctx)
      implements CachedCall {

    @Override
    public Object load() throws Exception {
      return ctx.proceed();
    }

    @Override
    public Callable<Object> detached() {
      var target = ctx.getTarget();
      var method = ctx.getMethod();
      var params = ctx.getParameters().clone();
      return () -> {
        REFRESHING.set(Boolean.TRUE);
        try {
          return method.invoke(target, params);
        } finally {
          REFRESHING.remove();
        }
      };
    }
  }
}
