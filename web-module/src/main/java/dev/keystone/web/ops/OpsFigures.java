package dev.keystone.web.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Reads the operator's figures from the application's MP Metrics registry, where the cache ({@code
 * keystone.cache.*}) and the outbox ({@code keystone.outbox.*}) publish them. The gateway's module
 * has no Redis or Kafka on its classpath and must not call into them: the metrics registry is the
 * published interface, the same one {@code /metrics} scrapes.
 */
@ApplicationScoped
public class OpsFigures {

  private static final String CACHE_PREFIX = "keystone.cache.";
  private static final String BREAKER = "keystone.cache.breaker.open";
  private static final String INCONSISTENT = "keystone.cache.consistency.inconsistent";
  private static final String OLDEST_INCONSISTENCY = "keystone.cache.consistency.oldest.seconds";

  @Inject MetricRegistry registry;

  /** The figures as they are now. */
  public OpsSummary summary() {
    return new OpsSummary(Instant.now(), caches(), outbox());
  }

  private java.util.List<OpsSummary.CacheFigures> caches() {
    // cache name -> counter name (without prefix) -> count
    Map<String, Map<String, Long>> byCache = new TreeMap<>();
    registry
        .getCounters((id, metric) -> id.getName().startsWith(CACHE_PREFIX))
        .forEach(
            (id, counter) -> {
              var cache = id.getTags().get("cache");
              if (cache != null) {
                byCache
                    .computeIfAbsent(cache, c -> new TreeMap<>())
                    .merge(event(id), counter.getCount(), Long::sum);
              }
            });
    var breaker = gauge(BREAKER) > 0 ? "open" : "closed";
    var figures = new ArrayList<OpsSummary.CacheFigures>();
    byCache.forEach(
        (cache, counts) -> {
          long hits = counts.getOrDefault("hits", 0L);
          long stale = counts.getOrDefault("stale", 0L);
          long misses = counts.getOrDefault("misses", 0L);
          long reads = hits + stale + misses;
          figures.add(
              new OpsSummary.CacheFigures(
                  cache,
                  hits,
                  stale,
                  misses,
                  counts.getOrDefault("near_hits", 0L),
                  counts.getOrDefault("errors", 0L),
                  reads == 0 ? null : (double) (hits + stale) / reads,
                  breaker,
                  sampled(INCONSISTENT, cache) == null
                      ? null
                      : sampled(INCONSISTENT, cache).longValue(),
                  sampled(OLDEST_INCONSISTENCY, cache)));
        });
    return figures;
  }

  private OpsSummary.OutboxFigures outbox() {
    return new OpsSummary.OutboxFigures(
        gauge("keystone.outbox.backlog"),
        gauge("keystone.outbox.oldest.age.ms"),
        counter("keystone.outbox.sent"),
        counter("keystone.outbox.failed"));
  }

  private static String event(MetricID id) {
    var name = id.getName().substring(CACHE_PREFIX.length());
    // the registry may report counters with or without the _total suffix Prometheus adds
    return name.endsWith(".total") ? name.substring(0, name.length() - 6) : name;
  }

  /** The sum of every gauge of that name (one per tag set, normally one), 0 when none exists. */
  private long gauge(String name) {
    return registry.getGauges((id, metric) -> id.getName().equals(name)).values().stream()
        .map(Gauge::getValue)
        .filter(Number.class::isInstance)
        .mapToLong(v -> ((Number) v).longValue())
        .sum();
  }

  /** A consistency sampler's gauge for one cache, null before the sampler's first round. */
  private Double sampled(String name, String cache) {
    return registry
        .getGauges(
            (id, metric) -> id.getName().equals(name) && cache.equals(id.getTags().get("cache")))
        .values()
        .stream()
        .map(Gauge::getValue)
        .filter(Number.class::isInstance)
        .map(v -> ((Number) v).doubleValue())
        .findFirst()
        .orElse(null);
  }

  private long counter(String name) {
    return registry.getCounters((id, metric) -> id.getName().equals(name)).values().stream()
        .mapToLong(Counter::getCount)
        .sum();
  }
}
