package dev.keystone.cache.internal;

import dev.keystone.cache.internal.CacheCounters.Event;
import dev.keystone.cache.internal.CacheProtocol.Fill;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fail-open access to the {@link CacheStore} (docs/architecture.md §2: Redis is an optimisation,
 * never a source of truth). Every call runs behind the {@link Breaker}: a dead or paused Redis
 * costs a few timeouts, then the breaker rejects calls at once, without touching Redis, for its
 * delay, then one trial call probes it. A failure or a rejection becomes {@link Unavailable}, so
 * the caller goes to the loader; failures are counted and logged once per outage. Writes whose
 * failure only costs a later miss are absorbed.
 */
final class GuardedStore {

  private static final Logger LOG = Logger.getLogger(GuardedStore.class.getName());
  private static final long LOG_EVERY_MS = 10_000;

  private final CacheStore redis;
  private final Breaker breaker;
  private final CacheCounters counters;
  private final LongSupplier clockMs;

  private volatile long lastLoggedMs;
  private volatile long lastRejectedMs = Long.MIN_VALUE / 2;

  /**
   * @param redis the store behind the breaker
   * @param breaker opens after repeated failures
   * @param counters counts failures as {@link Event#ERRORS}
   * @param clockMs epoch milliseconds (a test's clock in unit tests)
   */
  GuardedStore(CacheStore redis, Breaker breaker, CacheCounters counters, LongSupplier clockMs) {
    this.redis = redis;
    this.breaker = breaker;
    this.counters = counters;
    this.clockMs = clockMs;
  }

  /** The entry under {@code key}; written out rather than through {@link #call}: every hit. */
  CacheEntry get(String cache, String key) throws Unavailable {
    admit();
    boolean failed = true;
    try {
      var entry = redis.get(key);
      failed = false;
      return entry;
    } catch (RuntimeException e) {
      throw failure(cache, e);
    } finally {
      breaker.record(failed);
    }
  }

  boolean tryLease(String cache, String key, String token, long leaseMs) throws Unavailable {
    return call(cache, () -> redis.tryLease(key, token, leaseMs));
  }

  Fill fill(String cache, String key, String token, CacheEntry entry, long ttlMs)
      throws Unavailable {
    return call(cache, () -> redis.fill(key, token, entry, ttlMs));
  }

  /** Gives a lease back; if Redis cannot, the lease expires by itself. */
  void release(String cache, String key, String token) {
    quietly(cache, () -> redis.release(key, token));
  }

  /** An unprotected write; if Redis cannot, the value is simply not cached. */
  void put(String cache, String key, CacheEntry entry, long ttlMs) {
    quietly(cache, () -> redis.put(key, entry, ttlMs));
  }

  /**
   * Invalidates a key; if Redis cannot, the entry ends by its TTL (and the consumers' cache
   * refresher deletes product keys again, docs/architecture.md §5.2).
   */
  void invalidate(String cache, String key) {
    quietly(cache, () -> redis.invalidate(key));
  }

  /**
   * True while the breaker is not closed, or if it rejected a call within the last two seconds (the
   * gauge {@code keystone_cache_breaker_open}): the state alone answers a slow scrape, the recent
   * rejection a breaker that a trial call has just closed.
   */
  boolean breakerOpen() {
    return breaker.state() != Breaker.State.CLOSED || clockMs.getAsLong() - lastRejectedMs < 2000;
  }

  private <T> T call(String cache, Supplier<T> op) throws Unavailable {
    admit();
    boolean failed = true;
    try {
      T result = op.get();
      failed = false;
      return result;
    } catch (RuntimeException e) {
      throw failure(cache, e);
    } finally {
      breaker.record(failed);
    }
  }

  /** Lets a call through the breaker, or rejects it at once. */
  private void admit() throws Unavailable {
    if (!breaker.allow()) {
      lastRejectedMs = clockMs.getAsLong();
      throw new Unavailable(null);
    }
  }

  /** Counts a failed call and logs it, once per {@link #LOG_EVERY_MS}. */
  private Unavailable failure(String cache, RuntimeException e) {
    counters.count(cache, Event.ERRORS);
    long now = clockMs.getAsLong();
    if (now - lastLoggedMs > LOG_EVERY_MS) {
      lastLoggedMs = now;
      LOG.log(Level.WARNING, "Redis unavailable, serving from the loader: {0}", e.toString());
    }
    return new Unavailable(e);
  }

  private void quietly(String cache, Runnable op) {
    try {
      call(
          cache,
          () -> {
            op.run();
            return null;
          });
    } catch (Unavailable e) {
      // absorbed: see the callers
    }
  }

  /** Redis could not answer, or the breaker did not let the call through: go to the loader. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(Throwable cause) {
      // no stack: thrown per request while Redis is away
      super("Redis unavailable", cause, false, false);
    }
  }
}
