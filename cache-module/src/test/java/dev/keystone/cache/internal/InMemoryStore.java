package dev.keystone.cache.internal;

import dev.keystone.cache.internal.CacheProtocol.Fill;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link CacheStore} with the rules of {@link CacheProtocol}'s scripts (lease by
 * token, version-fenced fill, invalidation deletes value and lease), plus what a test needs: call
 * counts, a switch that makes every call fail like an unreachable Redis, and a value that "another
 * node" fills on the n-th GET.
 */
final class InMemoryStore implements CacheStore {

  final Map<String, CacheEntry> values = new ConcurrentHashMap<>();
  final Map<String, String> leases = new ConcurrentHashMap<>();
  final Map<String, Long> ttls = new ConcurrentHashMap<>();

  /** Every call that reached the store, failed or not. */
  final AtomicInteger calls = new AtomicInteger();

  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger invalidations = new AtomicInteger();

  volatile boolean failing;

  private volatile int fillOnGet;
  private volatile String fillKey;
  private volatile CacheEntry fillEntry;

  /** Another node's fill of {@code key} lands just before the {@code nth} GET from now on. */
  void otherNodeFillsOnGet(int nth, String key, CacheEntry entry) {
    fillKey = key;
    fillEntry = entry;
    fillOnGet = gets.get() + nth;
  }

  @Override
  public CacheEntry get(String key) {
    enter();
    if (gets.incrementAndGet() == fillOnGet) {
      leases.remove(fillKey);
      values.put(fillKey, fillEntry);
    }
    return values.get(key);
  }

  @Override
  public boolean tryLease(String key, String token, long leaseMs) {
    enter();
    return leases.putIfAbsent(key, token) == null;
  }

  @Override
  public void release(String key, String token) {
    enter();
    leases.remove(key, token);
  }

  @Override
  public synchronized Fill fill(String key, String token, CacheEntry entry, long ttlMs) {
    enter();
    if (!token.equals(leases.get(key))) {
      return Fill.LEASE_LOST;
    }
    leases.remove(key);
    var current = values.get(key);
    if (current != null && current.version() > entry.version()) {
      return Fill.OLDER_VERSION;
    }
    values.put(key, entry);
    ttls.put(key, ttlMs);
    return Fill.STORED;
  }

  @Override
  public void put(String key, CacheEntry entry, long ttlMs) {
    enter();
    values.put(key, entry);
    ttls.put(key, ttlMs);
  }

  @Override
  public synchronized void invalidate(String key) {
    enter();
    invalidations.incrementAndGet();
    values.remove(key);
    leases.remove(key);
  }

  private void enter() {
    calls.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("connection refused (test)");
    }
  }
}
