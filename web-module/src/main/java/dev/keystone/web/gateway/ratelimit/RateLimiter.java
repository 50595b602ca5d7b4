package dev.keystone.web.gateway.ratelimit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Token buckets per caller and route class, in this JVM. With N servers behind a load balancer each
 * keeps its own buckets, so a caller spread evenly over them gets up to N times the quota: set the
 * per-server quota to the global one divided by N (or rely on sticky routing). Keeping the counters
 * here, not in Redis, is deliberate: the architecture's gateway touches no Redis.
 *
 * <p>Configuration (MP Config; environment names like {@code KEYSTONE_RATE_LIMIT_READS_QUOTA}):
 * {@code keystone.rate-limit.enabled} (true), and per class {@code reads}, {@code writes}, {@code
 * anonymous}: {@code keystone.rate-limit.<class>.quota} and {@code .window-seconds}.
 *
 * <p>Per-caller limits: {@code keystone.rate-limit.<class>.caller.<caller>.quota} and {@code
 * .window-seconds} give one caller (a token's subject, or {@code ip:<address>} when anonymous) its
 * own limit in that class, e.g. a partner's batch client a higher quota, or a noisy address a lower
 * one; the policy keeps the class's name in the headers. Read when the caller's bucket is created.
 */
@ApplicationScoped
public class RateLimiter {
  /** Buckets per route class before idle (full) ones are forgotten. */
  static final int MAX_BUCKETS = 100_000;

  /** Per route class, per caller: no key is built per request. */
  private final Map<String, Map<String, TokenBucket>> buckets = new ConcurrentHashMap<>();

  private final Map<String, RateLimitPolicy> policies = new ConcurrentHashMap<>();
  private LongSupplier clock = System::nanoTime;
  private Function<String, Optional<Long>> settings = key -> Optional.empty();
  private boolean enabled = true;

  @PostConstruct
  void configure() {
    Config config = ConfigProvider.getConfig();
    enabled = config.getOptionalValue("keystone.rate-limit.enabled", Boolean.class).orElse(true);
    settings = key -> config.getOptionalValue(key, Long.class);
    configure(config, "reads", 1200, 60);
    configure(config, "writes", 300, 60);
    configure(config, "anonymous", 60, 60);
  }

  private void configure(Config config, String name, long quota, long window) {
    var prefix = "keystone.rate-limit." + name;
    policies.put(
        name,
        new RateLimitPolicy(
            name,
            config.getOptionalValue(prefix + ".quota", Long.class).orElse(quota),
            config.getOptionalValue(prefix + ".window-seconds", Long.class).orElse(window)));
  }

  /** For tests: explicit policies and clock. */
  static RateLimiter of(LongSupplier clock, RateLimitPolicy... classes) {
    return of(clock, Map.of(), classes);
  }

  /** For tests: explicit policies, per-caller settings ({@code key -> value}) and clock. */
  static RateLimiter of(
      LongSupplier clock, Map<String, Long> settings, RateLimitPolicy... classes) {
    var limiter = new RateLimiter();
    limiter.clock = clock;
    limiter.settings = key -> Optional.ofNullable(settings.get(key));
    for (var p : classes) {
      limiter.policies.put(p.name(), p);
    }
    return limiter;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Takes one token from {@code caller}'s bucket of {@code routeClass}.
   *
   * @param caller a principal name, or {@code ip:<address>} for anonymous callers
   */
  public Decision take(String routeClass, String caller) {
    var policy = policies.get(routeClass);
    long now = clock.getAsLong();
    var callers = buckets.computeIfAbsent(routeClass, k -> new ConcurrentHashMap<>());
    if (callers.size() > MAX_BUCKETS) {
      callers.values().removeIf(b -> b.full(now));
    }
    var bucket = callers.get(caller);
    if (bucket == null) {
      bucket = callers.computeIfAbsent(caller, k -> new TokenBucket(policyOf(policy, caller), now));
    }
    return bucket.take(now);
  }

  /** The class's policy, or the caller's own limit in that class when one is configured. */
  private RateLimitPolicy policyOf(RateLimitPolicy policy, String caller) {
    var prefix = "keystone.rate-limit." + policy.name() + ".caller." + caller;
    var quota = settings.apply(prefix + ".quota");
    var window = settings.apply(prefix + ".window-seconds");
    if (quota.isEmpty() && window.isEmpty()) {
      return policy;
    }
    return new RateLimitPolicy(
        policy.name(), quota.orElse(policy.quota()), window.orElse(policy.windowSeconds()));
  }

  int bucketCount() {
    return buckets.values().stream().mapToInt(Map::size).sum();
  }
}
