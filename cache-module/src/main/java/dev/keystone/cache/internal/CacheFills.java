package dev.keystone.cache.internal;

import dev.keystone.cache.CacheSettings;
import dev.keystone.cache.Versioned;
import dev.keystone.cache.internal.CacheCounters.Event;
import dev.keystone.cache.internal.GuardedStore.Unavailable;
import java.lang.reflect.Type;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Loading a value and filling it under its lease (docs/architecture.md §5.1 and §5.2), shared by
 * the request path ({@link CacheEngine}) and the background refresh ({@link BackgroundRefresh}). A
 * fill is version-fenced: it lands only while its lease holds its token and no higher version is
 * stored; a refused fill is counted, never an error.
 */
final class CacheFills {

  private final GuardedStore store;
  private final CacheCounters counters;
  private final LongSupplier clockMs;

  CacheFills(GuardedStore store, CacheCounters counters, LongSupplier clockMs) {
    this.store = store;
    this.counters = counters;
    this.clockMs = clockMs;
  }

  /** A freshly loaded value, its cache entry and the Redis TTL (soft TTL + grace). */
  record Loaded(Object value, CacheEntry entry, long redisTtlMs) {}

  /**
   * Calls the loader and builds the entry: the value's version ({@code -1} if it is not {@link
   * Versioned}), how long the load took (for XFetch) and a jittered soft expiry.
   */
  Loaded load(Callable<Object> loader, Type type, CacheSettings s) throws Exception {
    long start = System.nanoTime();
    var value = loader.call();
    long deltaMs = (System.nanoTime() - start) / 1_000_000;
    long ttl = s.jitteredTtlMs();
    long version = value instanceof Versioned v ? v.version() : -1;
    var entry =
        new CacheEntry(version, deltaMs, clockMs.getAsLong() + ttl, CacheJson.write(value, type));
    return new Loaded(value, entry, ttl + s.grace().toMillis());
  }

  /** Version-fenced fill under the lease {@code token}; true if it was stored. */
  boolean fill(String cache, String key, String token, Loaded loaded) {
    try {
      var result = store.fill(cache, key, token, loaded.entry(), loaded.redisTtlMs());
      if (result != CacheProtocol.Fill.STORED) {
        counters.count(cache, Event.FENCED_FILLS);
        return false;
      }
      return true;
    } catch (Unavailable e) {
      return false; // not cached this time
    }
  }
}
