package dev.keystone.cache;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;

/**
 * One cache's tuning, read once from MicroProfile Config under {@code keystone.cache.<name>.} (an
 * environment variable such as {@code KEYSTONE_CACHE_PRODUCT_TTL_SECONDS} works too).
 *
 * @param enabled {@code enabled}: false sends every read to the loader (the database path)
 * @param protection {@code protection}: false turns off coalescing, leases, XFetch and
 *     stale-while-revalidate (plain cache-aside; used to show what they prevent)
 * @param ttl {@code ttl-seconds} (300): soft TTL, after which the value is stale
 * @param jitter {@code jitter} (0.10): ± fraction applied to each TTL
 * @param grace {@code grace-seconds} (60): how long a stale copy is still served while one refresh
 *     runs
 * @param beta {@code beta} (1.0): XFetch eagerness; 0 disables early refresh
 * @param maxWait {@code wait-ms} (2000): the longest a reader waits for another's load
 * @param lease {@code lease-ms} (5000): lease expiry, longer than any sane load
 * @param near {@code near} (false): keep hot keys in this JVM too
 * @param nearTtl {@code near-ttl-ms} (1000): the near cache's hard staleness bound
 */
public record CacheSettings(
    boolean enabled,
    boolean protection,
    Duration ttl,
    double jitter,
    Duration grace,
    double beta,
    Duration maxWait,
    Duration lease,
    boolean near,
    Duration nearTtl) {

  public static CacheSettings read(Config config, String cache) {
    var p = "keystone.cache." + cache + ".";
    return new CacheSettings(
        config.getOptionalValue(p + "enabled", Boolean.class).orElse(true),
        config.getOptionalValue(p + "protection", Boolean.class).orElse(true),
        Duration.ofMillis(
            Math.round(
                config.getOptionalValue(p + "ttl-seconds", Double.class).orElse(300.0) * 1000)),
        config.getOptionalValue(p + "jitter", Double.class).orElse(0.10),
        Duration.ofSeconds(config.getOptionalValue(p + "grace-seconds", Long.class).orElse(60L)),
        config.getOptionalValue(p + "beta", Double.class).orElse(1.0),
        Duration.ofMillis(config.getOptionalValue(p + "wait-ms", Long.class).orElse(2000L)),
        Duration.ofMillis(config.getOptionalValue(p + "lease-ms", Long.class).orElse(5000L)),
        config.getOptionalValue(p + "near", Boolean.class).orElse(false),
        Duration.ofMillis(config.getOptionalValue(p + "near-ttl-ms", Long.class).orElse(1000L)));
  }

  /**
   * The soft TTL shortened or lengthened by up to the jitter, so keys written together do not
   * expire together.
   */
  public long jitteredTtlMs() {
    double factor = jitter <= 0 ? 1 : 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
    return Math.max(1, Math.round(ttl.toMillis() * factor));
  }
}
