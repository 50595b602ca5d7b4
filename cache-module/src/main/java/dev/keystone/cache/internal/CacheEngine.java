package dev.keystone.cache.internal;

import dev.keystone.cache.CacheOutcome;
import dev.keystone.cache.CacheSettings;
import dev.keystone.cache.CacheStatus;
import dev.keystone.cache.Cached;
import dev.keystone.cache.Versioned;
import dev.keystone.cache.internal.CacheMetrics.Event;
import dev.keystone.cache.internal.RedisCache.RedisUnavailable;
import dev.keystone.platform.cachekeys.CacheKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;

/**
 * The read path of docs/architecture.md §5.1 for one {@link Cached} call: near cache → Redis →
 * (fresh: serve, maybe refresh early by XFetch) / (stale within grace: serve stale, one background
 * refresh) / (miss: coalesce in this JVM, then take the cross-node lease and load once, or wait for
 * whoever holds it). Every Redis failure degrades to calling the loader directly.
 */
@ApplicationScoped
public class CacheEngine {

  /**
   * How cached values are written and read. Renders exactly as the API's responses do (nulls left
   * out, properties in lexical order: web-module's {@code StrictJsonConfig}, checked by its test),
   * because a cached read's JSON is sent as the response body ({@link CacheStatus#entity}).
   */
  public static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

  private static final long POLL_MS = 10;

  @Inject RedisGate redis;
  @Inject NearCache near;
  @Inject CacheMetrics metrics;
  @Inject Config config;
  @Inject BackgroundRefresh refresher;

  private final Map<String, CacheSettings> settings = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CacheEntry>> loads = new ConcurrentHashMap<>();
  private final DecodedValues decoded = new DecodedValues();

  /** The cache's settings, read once. */
  public CacheSettings settings(String cache) {
    return settings.computeIfAbsent(cache, c -> CacheSettings.read(config, c));
  }

  /**
   * Where {@link #read} reports how it answered: the outcome and, when the cache had it, the
   * returned value's JSON, so the HTTP layer can send those bytes instead of rendering the value
   * again.
   */
  interface Outcomes {
    void served(CacheOutcome outcome, Object value, String json);

    default void served(CacheOutcome outcome) {
      served(outcome, null, null);
    }
  }

  Object read(InvocationContext ctx, String cache, Outcomes status) throws Exception {
    var s = settings(cache);
    if (!s.enabled() || BackgroundRefresh.loading()) {
      return ctx.proceed();
    }
    var key = CacheKeys.key(cache, ctx.getParameters()[0]);
    var type = ctx.getMethod().getGenericReturnType();
    long now = System.currentTimeMillis();
    if (s.near()) {
      var held = near.get(key, now);
      if (held != null) {
        metrics.count(cache, Event.NEAR_HITS);
        hit(ctx, cache, key, s, held.entry(), now);
        status.served(CacheOutcome.HIT, held.value(), held.entry().json());
        return held.value();
      }
    }
    long epoch = s.near() ? near.epoch() : 0;
    CacheEntry cached;
    try {
      cached = redis.call(cache, r -> CacheProtocol.get(r, key));
    } catch (RedisUnavailable e) {
      status.served(CacheOutcome.UNAVAILABLE);
      return ctx.proceed();
    }
    if (cached != null && !cached.staleAt(now)) {
      hit(ctx, cache, key, s, cached, now);
      var value = decoded.decode(key, cached.json(), type);
      status.served(CacheOutcome.HIT, value, cached.json());
      if (s.near()) {
        near.put(key, cached, value, s.nearTtl().toMillis(), epoch);
      }
      return value;
    }
    if (cached != null && s.protection()) {
      metrics.count(cache, Event.STALE);
      refresher.refresh(ctx, cache, key, s, cached);
      var value = decoded.decode(key, cached.json(), type);
      status.served(CacheOutcome.STALE, value, cached.json());
      return value;
    }
    metrics.count(cache, Event.MISSES);
    if (!s.protection()) {
      var loaded = Loaded.load(ctx::proceed, type, s);
      redis.quietly(cache, r -> store(r, key, loaded));
      status.served(CacheOutcome.MISS, loaded.value(), loaded.entry().json());
      return loaded.value();
    }
    return coalesced(ctx, cache, key, type, s, status);
  }

  private void hit(
      InvocationContext ctx,
      String cache,
      String key,
      CacheSettings s,
      CacheEntry entry,
      long now) {
    metrics.count(cache, Event.HITS);
    if (s.protection()
        && s.beta() > 0
        && entry.refreshEarly(now, s.beta(), 1 - ThreadLocalRandom.current().nextDouble())
        && refresher.refresh(ctx, cache, key, s, entry)) {
      metrics.count(cache, Event.EARLY_REFRESHES);
    }
  }

  private Object coalesced(
      InvocationContext ctx, String cache, String key, Type type, CacheSettings s, Outcomes status)
      throws Exception {
    var mine = new CompletableFuture<CacheEntry>();
    var theirs = loads.putIfAbsent(key, mine);
    if (theirs != null) {
      metrics.count(cache, Event.COALESCED_WAITS);
      try {
        // the leader may itself wait up to wait-ms for another node, then load: wait for both
        var entry = theirs.get(2 * s.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        var value = JSON.fromJson(entry.json(), type);
        status.served(CacheOutcome.COLLAPSED, value, entry.json());
        return value;
      } catch (ExecutionException e) {
        throw unwrap(e.getCause());
      } catch (TimeoutException e) {
        status.served(CacheOutcome.MISS);
        return ctx.proceed();
      }
    }
    try {
      var lead = lead(ctx, cache, key, type, s, status);
      mine.complete(lead.entry());
      return lead.value();
    } catch (Exception | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loads.remove(key, mine);
    }
  }

  /**
   * This JVM's one loader for the key: take the cross-node lease, or wait for its holder's fill.
   */
  private Loaded lead(
      InvocationContext ctx, String cache, String key, Type type, CacheSettings s, Outcomes status)
      throws Exception {
    var token = UUID.randomUUID().toString();
    boolean leased;
    try {
      leased = redis.call(cache, r -> CacheProtocol.tryLease(r, key, token, s.lease().toMillis()));
    } catch (RedisUnavailable e) {
      status.served(CacheOutcome.UNAVAILABLE);
      return Loaded.load(ctx::proceed, type, s);
    }
    if (!leased) {
      metrics.count(cache, Event.LEASE_WAITS);
      var filled = awaitFill(cache, key, s);
      if (filled != null) {
        return served(status, CacheOutcome.COLLAPSED, filled, type);
      }
      // the holder is slow or gone: bounded wait, then load
      return served(status, CacheOutcome.MISS, Loaded.load(ctx::proceed, type, s));
    }
    // double-check: a reader that missed just before the previous holder filled and released
    // the lease must not load again
    try {
      var filled = redis.call(cache, r -> CacheProtocol.get(r, key));
      if (filled != null && !filled.staleAt(System.currentTimeMillis())) {
        redis.quietly(cache, r -> release(r, key, token));
        return served(status, CacheOutcome.COLLAPSED, filled, type);
      }
    } catch (RedisUnavailable e) {
      // go on and load
    }
    Loaded loaded;
    try {
      loaded = Loaded.load(ctx::proceed, type, s);
    } catch (Exception | Error e) {
      redis.quietly(cache, r -> release(r, key, token));
      throw e;
    }
    fill(cache, key, token, loaded);
    return served(status, CacheOutcome.MISS, loaded);
  }

  private static Loaded served(Outcomes status, CacheOutcome outcome, CacheEntry entry, Type type) {
    return served(status, outcome, new Loaded(JSON.fromJson(entry.json(), type), entry, 0));
  }

  private static Loaded served(Outcomes status, CacheOutcome outcome, Loaded loaded) {
    status.served(outcome, loaded.value(), loaded.entry().json());
    return loaded;
  }

  /** Version-fenced fill under the lease; a rejected fill is counted, never an error. */
  void fill(String cache, String key, String token, Loaded loaded) {
    try {
      var result =
          redis.call(
              cache, r -> CacheProtocol.fill(r, key, token, loaded.entry(), loaded.redisTtlMs()));
      if (result != CacheProtocol.Fill.STORED) {
        metrics.count(cache, Event.FENCED_FILLS);
      }
    } catch (RedisUnavailable e) {
      // not cached this time
    }
  }

  /**
   * Polls for the lease holder's fill until the bounded wait ends; null if it did not come, or if
   * Redis stopped answering meanwhile (fail-open: the caller then loads itself rather than fail).
   */
  private CacheEntry awaitFill(String cache, String key, CacheSettings s) {
    long deadline = System.nanoTime() + s.maxWait().toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      CacheEntry entry;
      try {
        entry = redis.call(cache, r -> CacheProtocol.get(r, key));
      } catch (RedisUnavailable e) {
        return null;
      }
      if (entry != null && !entry.staleAt(System.currentTimeMillis())) {
        return entry;
      }
    }
    return null;
  }

  private static Object store(redis.clients.jedis.UnifiedJedis r, String key, Loaded loaded) {
    CacheProtocol.put(r, key, loaded.entry(), loaded.redisTtlMs());
    return null;
  }

  private static Object release(redis.clients.jedis.UnifiedJedis r, String key, String token) {
    CacheProtocol.release(r, key, token);
    return null;
  }

  private static Exception unwrap(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return (Exception) t;
  }

  /** A freshly loaded value, its cache entry and the Redis TTL (soft TTL + grace). */
  record Loaded(Object value, CacheEntry entry, long redisTtlMs) {

    static Loaded load(Callable<Object> loader, Type type, CacheSettings s) throws Exception {
      long start = System.nanoTime();
      var value = loader.call();
      long deltaMs = (System.nanoTime() - start) / 1_000_000;
      long ttl = s.jitteredTtlMs();
      long version = value instanceof Versioned v ? v.version() : -1;
      var entry =
          new CacheEntry(
              version, deltaMs, System.currentTimeMillis() + ttl, JSON.toJson(value, type));
      return new Loaded(value, entry, ttl + s.grace().toMillis());
    }
  }
}
