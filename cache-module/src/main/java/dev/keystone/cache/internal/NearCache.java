package dev.keystone.cache.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-JVM tier in front of Redis for caches with {@code near=true} (docs/architecture.md §5.2
 * across nodes). An entry is served only while (a) its near TTL has not passed, (b) its soft TTL
 * has not passed and (c) the invalidation subscriber is connected and answered a heartbeat
 * recently. Every invalidation announced on {@link CacheProtocol#CHANNEL} removes the key; when the
 * subscriber loses Redis the whole tier empties and stays off until it is back. An invalidation
 * epoch keeps a value read just before an invalidation out of the tier. Staleness bound: the
 * pub/sub latency (milliseconds) for invalidations that are announced, the near TTL (default 1 s)
 * for a bare DEL.
 */
@ApplicationScoped
public class NearCache {

  private static final int MAX_ENTRIES = 10_000;

  /**
   * One held entry and its decoded value (shared by every reader: cached values are immutable
   * records, and sharing them saves the JSON decode that dominates a near hit).
   */
  public record Held(CacheEntry entry, Object value, long expiresAtNanos) {}

  private final ConcurrentHashMap<String, Held> entries = new ConcurrentHashMap<>();
  private volatile boolean live;

  /**
   * Bumped by every invalidation (and outage): a reader takes it before its Redis GET and may put
   * what it read only if it has not moved, so a value read just before an invalidation is never
   * cached after it.
   */
  private final AtomicLong epoch = new AtomicLong();

  /** The entry if it may be served now, else {@code null}. */
  public Held get(String key, long nowMs) {
    if (!live) {
      return null;
    }
    var held = entries.get(key);
    if (held == null) {
      return null;
    }
    if (System.nanoTime() - held.expiresAtNanos >= 0 || held.entry.staleAt(nowMs)) {
      entries.remove(key, held);
      return null;
    }
    return held;
  }

  /** The invalidation epoch, to pass to {@link #put}. */
  public long epoch() {
    return epoch.get();
  }

  public void put(String key, CacheEntry entry, Object value, long nearTtlMs, long readEpoch) {
    if (!live || epoch.get() != readEpoch) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear(); // crude but bounded: hot keys come back within one read
    }
    entries.put(key, new Held(entry, value, System.nanoTime() + nearTtlMs * 1_000_000));
  }

  /** Drops one key; true if it was held. */
  public boolean invalidate(String key) {
    epoch.incrementAndGet();
    return entries.remove(key) != null;
  }

  /** The invalidation stream is (again) trustworthy: start holding entries. */
  void up() {
    epoch.incrementAndGet();
    entries.clear();
    live = true;
  }

  /** The invalidation stream is lost: forget everything and hold nothing until {@link #up}. */
  void down() {
    live = false;
    epoch.incrementAndGet();
    entries.clear();
  }

  public boolean isLive() {
    return live;
  }
}
