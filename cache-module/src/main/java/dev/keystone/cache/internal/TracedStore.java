package dev.keystone.cache.internal;

import dev.keystone.cache.internal.CacheProtocol.Fill;
import dev.keystone.platform.tracing.Spans;
import dev.keystone.platform.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import java.util.function.Supplier;

/**
 * Each Redis call of the cache as a client span (docs/tracing.md), named after the cache protocol's
 * operation ({@code redis get} is one GET, {@code redis fill} one script call); a failure marks the
 * span. With OpenTelemetry off (the default) the call goes straight to the store: a Redis-tier hit
 * builds no span, not even a no-op one ({@link Tracing#enabled()}).
 */
final class TracedStore implements CacheStore {

  private final CacheStore redis;
  private final Tracing tracing;

  TracedStore(CacheStore redis, Tracing tracing) {
    this.redis = redis;
    this.tracing = tracing;
  }

  @Override
  public CacheEntry get(String key) {
    if (!tracing.enabled()) {
      return redis.get(key); // every Redis-tier hit comes here: no lambda either
    }
    return traced("get", key, () -> redis.get(key));
  }

  @Override
  public boolean tryLease(String key, String token, long leaseMs) {
    return traced("lease", key, () -> redis.tryLease(key, token, leaseMs));
  }

  @Override
  public void release(String key, String token) {
    traced("release", key, () -> redis.release(key, token));
  }

  @Override
  public Fill fill(String key, String token, CacheEntry entry, long ttlMs) {
    return traced("fill", key, () -> redis.fill(key, token, entry, ttlMs));
  }

  @Override
  public void put(String key, CacheEntry entry, long ttlMs) {
    traced("put", key, () -> redis.put(key, entry, ttlMs));
  }

  @Override
  public void invalidate(String key) {
    traced("invalidate", key, () -> redis.invalidate(key));
  }

  private <T> T traced(String operation, String key, Supplier<T> call) {
    if (!tracing.enabled()) {
      return call.get();
    }
    var span =
        tracing
            .tracer("dev.keystone.cache")
            .spanBuilder("redis " + operation)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system", "redis")
            .setAttribute("db.operation.name", operation)
            .setAttribute("keystone.cache.key", key)
            .startSpan();
    return Spans.within(span, current -> call.get());
  }

  private void traced(String operation, String key, Runnable call) {
    traced(
        operation,
        key,
        () -> {
          call.run();
          return null;
        });
  }
}
