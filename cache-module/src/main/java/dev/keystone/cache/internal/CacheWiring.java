package dev.keystone.cache.internal;

import dev.keystone.cache.CacheEvictions;
import dev.keystone.cache.CacheSettings;
import dev.keystone.platform.tracing.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the cache's engine from its parts once per application, in one direction: Redis → its
 * spans → the breaker-guarded store → fills → background refresh → engine, and the evictions beside
 * it. The engine and its parts are plain Java, so unit tests build the same graph over in-memory
 * fakes.
 */
@ApplicationScoped
public class CacheWiring {

  @Inject RedisCache redis;
  @Inject NearCache near;
  @Inject CacheMetrics metrics;
  @Inject Config config;
  @Inject Tracing tracing;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.breaker.window", defaultValue = "4")
  int breakerWindow;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.breaker.failure-ratio", defaultValue = "0.5")
  double breakerFailureRatio;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.breaker.delay-ms", defaultValue = "1000")
  long breakerDelayMillis;

  @Resource ManagedExecutorService executor;
  @Resource TransactionSynchronizationRegistry transactions;

  private GuardedStore store;
  private CacheEngine engine;

  @PostConstruct
  void wire() {
    // when half of the last 4 calls failed the breaker opens for 1 s (docs/cache.md "The breaker")
    var breaker =
        new Breaker(
            breakerWindow, breakerFailureRatio, breakerDelayMillis * 1_000_000, System::nanoTime);
    store =
        new GuardedStore(
            new TracedStore(redis, tracing), breaker, metrics, System::currentTimeMillis);
    metrics.watchBreaker(store::breakerOpen);
    var fills = new CacheFills(store, metrics, System::currentTimeMillis);
    engine =
        new CacheEngine(
            store,
            near,
            metrics,
            cache -> CacheSettings.read(config, cache),
            fills,
            new BackgroundRefresh(store, fills, executor),
            System::currentTimeMillis,
            () -> 1 - ThreadLocalRandom.current().nextDouble());
  }

  /** The one engine of this application (its in-JVM coalescing needs exactly one). */
  public CacheEngine engine() {
    return engine;
  }

  /** The library's public eviction API, for injection into the application's services. */
  @Produces
  @ApplicationScoped
  CacheEvictions evictions() {
    return new AfterCommitEvictions(store, near, transactions);
  }
}
