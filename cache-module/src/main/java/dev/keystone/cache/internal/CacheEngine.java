package dev.keystone.cache.internal;

import dev.keystone.cache.CacheOutcome;
import dev.keystone.cache.CacheSettings;
import dev.keystone.cache.internal.CacheCounters.Event;
import dev.keystone.cache.internal.CacheFills.Loaded;
import dev.keystone.cache.internal.GuardedStore.Unavailable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The read path of docs/architecture.md §5.1 for one {@code @Cached} call: near cache → Redis →
 * (fresh: serve, maybe refresh early by XFetch) / (stale within grace: serve stale, one background
 * refresh) / (miss: coalesce in this JVM, then take the cross-node lease and load once, or wait for
 * whoever holds it). Every Redis failure degrades to calling the loader directly. Plain Java over
 * its ports (the store, the clock, the refresh's executor), wired by {@link CacheWiring} and
 * unit-tested against in-memory fakes.
 */
public final class CacheEngine {

  private static final long POLL_MS = 10;

  private final GuardedStore store;
  private final NearCache near;
  private final CacheCounters counters;
  private final Function<String, CacheSettings> settingsOf;
  private final CacheFills fills;
  private final BackgroundRefresh refresh;
  private final LongSupplier clockMs;
  private final DoubleSupplier uniform;

  private final Map<String, CacheSettings> settings = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CacheEntry>> loads = new ConcurrentHashMap<>();
  private final DecodedValues decoded = new DecodedValues();

  /**
   * @param settingsOf one cache's settings by name (read once per cache)
   * @param clockMs epoch milliseconds: staleness and XFetch are judged by it
   * @param uniform XFetch's random draw, uniform in (0, 1]
   */
  CacheEngine(
      GuardedStore store,
      NearCache near,
      CacheCounters counters,
      Function<String, CacheSettings> settingsOf,
      CacheFills fills,
      BackgroundRefresh refresh,
      LongSupplier clockMs,
      DoubleSupplier uniform) {
    this.store = store;
    this.near = near;
    this.counters = counters;
    this.settingsOf = settingsOf;
    this.fills = fills;
    this.refresh = refresh;
    this.clockMs = clockMs;
    this.uniform = uniform;
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

  /** Answers one call from the near cache, Redis or its loader; see the class comment. */
  public Object read(CachedCall call, Outcomes status) throws Exception {
    var cache = call.cache();
    var s = settings.computeIfAbsent(cache, settingsOf);
    if (!s.enabled()) {
      return call.load();
    }
    var key = call.key();
    long now = clockMs.getAsLong();
    if (s.near()) {
      var held = near.get(key, now);
      if (held != null) {
        counters.count(cache, Event.NEAR_HITS);
        hit(call, s, held.entry(), now);
        status.served(CacheOutcome.HIT, held.value(), held.entry().json());
        return held.value();
      }
    }
    long epoch = s.near() ? near.epoch() : 0;
    CacheEntry cached;
    try {
      cached = store.get(cache, key);
    } catch (Unavailable e) {
      status.served(CacheOutcome.UNAVAILABLE);
      return call.load();
    }
    if (cached != null && !cached.staleAt(now)) {
      hit(call, s, cached, now);
      var value = decoded.decode(key, cached.json(), call.type());
      status.served(CacheOutcome.HIT, value, cached.json());
      if (s.near()) {
        near.put(key, cached, value, s.nearTtl().toMillis(), epoch);
      }
      return value;
    }
    if (cached != null && s.protection()) {
      counters.count(cache, Event.STALE);
      refresh.refresh(call, s, cached);
      var value = decoded.decode(key, cached.json(), call.type());
      status.served(CacheOutcome.STALE, value, cached.json());
      return value;
    }
    counters.count(cache, Event.MISSES);
    if (!s.protection()) {
      var loaded = fills.load(call::load, call.type(), s);
      store.put(cache, key, loaded.entry(), loaded.redisTtlMs());
      return served(status, CacheOutcome.MISS, loaded).value();
    }
    return coalesced(call, s, status);
  }

  /** Counts a hit and, by XFetch, starts an early refresh of a value close to its expiry. */
  private void hit(CachedCall call, CacheSettings s, CacheEntry entry, long now) {
    counters.count(call.cache(), Event.HITS);
    if (s.protection()
        && s.beta() > 0
        && entry.refreshEarly(now, s.beta(), uniform.getAsDouble())
        && refresh.refresh(call, s, entry)) {
      counters.count(call.cache(), Event.EARLY_REFRESHES);
    }
  }

  /** One loader per key in this JVM: the others wait for its result. */
  private Object coalesced(CachedCall call, CacheSettings s, Outcomes status) throws Exception {
    var key = call.key();
    var mine = new CompletableFuture<CacheEntry>();
    var theirs = loads.putIfAbsent(key, mine);
    if (theirs != null) {
      counters.count(call.cache(), Event.COALESCED_WAITS);
      try {
        // the leader may itself wait up to wait-ms for another node, then load: wait for both
        var entry = theirs.get(2 * s.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        return served(status, CacheOutcome.COLLAPSED, entry, call).value();
      } catch (ExecutionException e) {
        throw unwrap(e.getCause());
      } catch (TimeoutException e) {
        status.served(CacheOutcome.MISS);
        return call.load();
      }
    }
    try {
      var lead = lead(call, s, status);
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
  private Loaded lead(CachedCall call, CacheSettings s, Outcomes status) throws Exception {
    var cache = call.cache();
    var key = call.key();
    var token = UUID.randomUUID().toString();
    boolean leased;
    try {
      leased = store.tryLease(cache, key, token, s.lease().toMillis());
    } catch (Unavailable e) {
      status.served(CacheOutcome.UNAVAILABLE);
      return fills.load(call::load, call.type(), s);
    }
    if (!leased) {
      counters.count(cache, Event.LEASE_WAITS);
      var filled = awaitFill(cache, key, s);
      if (filled != null) {
        return served(status, CacheOutcome.COLLAPSED, filled, call);
      }
      // the holder is slow or gone: bounded wait, then load without caching
      return served(status, CacheOutcome.MISS, fills.load(call::load, call.type(), s));
    }
    // double-check: a reader that missed just before the previous holder filled and released
    // the lease must not load again
    try {
      var filled = store.get(cache, key);
      if (filled != null && !filled.staleAt(clockMs.getAsLong())) {
        store.release(cache, key, token);
        return served(status, CacheOutcome.COLLAPSED, filled, call);
      }
    } catch (Unavailable e) {
      // go on and load
    }
    Loaded loaded;
    try {
      loaded = fills.load(call::load, call.type(), s);
    } catch (Exception | Error e) {
      store.release(cache, key, token);
      throw e;
    }
    fills.fill(cache, key, token, loaded);
    return served(status, CacheOutcome.MISS, loaded);
  }

  private static Loaded served(
      Outcomes status, CacheOutcome outcome, CacheEntry entry, CachedCall call) {
    var value = CacheJson.read(entry.json(), call.type());
    return served(status, outcome, new Loaded(value, entry, 0));
  }

  private static Loaded served(Outcomes status, CacheOutcome outcome, Loaded loaded) {
    status.served(outcome, loaded.value(), loaded.entry().json());
    return loaded;
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
        entry = store.get(cache, key);
      } catch (Unavailable e) {
        return null;
      }
      if (entry != null && !entry.staleAt(clockMs.getAsLong())) {
        return entry;
      }
    }
    return null;
  }

  private static Exception unwrap(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return (Exception) t;
  }
}
