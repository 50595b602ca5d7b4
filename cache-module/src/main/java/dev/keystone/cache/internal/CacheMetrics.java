package dev.keystone.cache.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * MicroProfile Metrics per cache ({@code keystone_cache_<event>_total{cache="product"}} on {@code
 * /metrics?scope=application}), plus {@code keystone_cache_breaker_open} for the Redis breaker.
 * Counters are looked up once per cache and event, never per read.
 */
@ApplicationScoped
public class CacheMetrics {

  /** What is counted. */
  public enum Event {
    HITS,
    MISSES,
    STALE,
    EARLY_REFRESHES,
    COALESCED_WAITS,
    LEASE_WAITS,
    FENCED_FILLS,
    ERRORS,
    NEAR_HITS,
    NEAR_INVALIDATIONS
  }

  @Inject MetricRegistry registry;
  @Inject RedisCache redis;

  private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();
  private volatile boolean gaugeRegistered;

  public void count(String cache, Event event) {
    counters.computeIfAbsent(cache, this::register)[event.ordinal()].inc();
    if (!gaugeRegistered) {
      gaugeRegistered = true;
      registry.gauge("keystone.cache.breaker.open", redis, r -> r.breakerOpen() ? 1 : 0);
    }
  }

  private Counter[] register(String cache) {
    var events = Event.values();
    var array = new Counter[events.length];
    for (var e : events) {
      array[e.ordinal()] =
          registry.counter("keystone.cache." + e.name().toLowerCase(), new Tag("cache", cache));
    }
    return array;
  }
}
