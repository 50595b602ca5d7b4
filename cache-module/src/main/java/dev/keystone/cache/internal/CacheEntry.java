package dev.keystone.cache.internal;

import dev.keystone.cache.Versioned;

/**
 * One cached value as stored in Redis (docs/architecture.md §5.1): {@code
 * <version>|<deltaMs>|<softExpiryMs>|<json>}. The version is the fence (a fill never overwrites a
 * higher one), {@code deltaMs} is how long the value took to recompute and {@code softExpiryMs}
 * (epoch millis) is when it turns stale: together they drive XFetch early refresh and
 * stale-while-revalidate. The Redis TTL is the soft TTL plus the grace period, so a stale copy
 * survives its soft expiry for the grace window.
 *
 * @param version the aggregate version ({@code -1} for values that are not {@link Versioned})
 * @param deltaMs how long the loader took, in milliseconds
 * @param softExpiryMs epoch millis after which the value is stale
 * @param json the value as JSON
 */
public record CacheEntry(long version, long deltaMs, long softExpiryMs, String json) {

  /** The Redis string form. */
  public String encode() {
    return version + "|" + deltaMs + "|" + softExpiryMs + "|" + json;
  }

  /** Parses the Redis string form; {@code null} for {@code null} or a foreign format. */
  public static CacheEntry decode(String raw) {
    if (raw == null) {
      return null;
    }
    int a = raw.indexOf('|');
    int b = a < 0 ? -1 : raw.indexOf('|', a + 1);
    int c = b < 0 ? -1 : raw.indexOf('|', b + 1);
    if (c < 0) {
      return null;
    }
    try {
      return new CacheEntry(
          Long.parseLong(raw, 0, a, 10),
          Long.parseLong(raw, a + 1, b, 10),
          Long.parseLong(raw, b + 1, c, 10),
          raw.substring(c + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** True once the soft TTL has passed (the value may still be served during the grace period). */
  public boolean staleAt(long nowMs) {
    return nowMs >= softExpiryMs;
  }

  /**
   * XFetch (Vattani et al.): refresh early when {@code now - delta·β·ln(u) ≥ expiry}, u uniform in
   * (0,1]; the chance grows as expiry nears and with the recompute time, so a hot key is refreshed
   * by one reader before it expires instead of by all of them after.
   */
  public boolean refreshEarly(long nowMs, double beta, double u) {
    return nowMs - Math.max(1, deltaMs) * beta * Math.log(u) >= softExpiryMs;
  }
}
