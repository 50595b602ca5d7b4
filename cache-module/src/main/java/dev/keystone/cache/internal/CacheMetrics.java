package dev.keystone.cache.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * MicroProfile Metrics per cache ({@code keystone_cache_<event>_total{cache="product"}} on {@code
 * /metrics?scope=application}), plus {@code keystone_cache_breaker_open} for the Redis breaker.
 * Counters are looked up once per cache and event, never per read.
 */
@ApplicationScoped
public class CacheMetrics implements CacheCounters {

  @Inject MetricRegistry registry;

  private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

  /**
   * The breaker's state for the gauge. Held here because the registry holds a gauge's object only
   * weakly: the gauge reads this bean, which lives as long as the application.
   */
  private volatile BooleanSupplier breakerOpen;

  @Override
  public void count(String cache, Event event) {
    var perEvent = counters.get(cache); // a plain read on every hit; registered once per cache
    if (perEvent == null) {
      perEvent = counters.computeIfAbsent(cache, this::register);
    }
    perEvent[event.ordinal()].inc();
  }

  /** Publishes the breaker's state as the gauge {@code keystone_cache_breaker_open} (1 = open). */
  public synchronized void watchBreaker(BooleanSupplier open) {
    if (breakerOpen == null) {
      breakerOpen = open;
      registry.gauge(
          "keystone.cache.breaker.open", this, m -> m.breakerOpen.getAsBoolean() ? 1 : 0);
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
