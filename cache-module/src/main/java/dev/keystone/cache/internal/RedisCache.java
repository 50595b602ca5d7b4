package dev.keystone.cache.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one place that holds Redis connections (docs/architecture.md §2: Redis is an optimisation,
 * never a source of truth). Every call runs behind a {@link Breaker} with small socket timeouts
 * ({@code keystone.cache.redis.timeout-ms}, 50 ms): a dead or paused Redis costs a few timeouts,
 * then the breaker rejects calls at once for its delay, then one trial call probes it. Callers go
 * through {@link RedisGate}, which turns every failure into a fail-open miss.
 */
@ApplicationScoped
public class RedisCache {

  @Inject
  @ConfigProperty(name = "KEYSTONE_REDIS_URL", defaultValue = "redis://localhost:16379")
  String redisUrl;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.timeout-ms", defaultValue = "50")
  int timeoutMillis;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.pool-size", defaultValue = "64")
  int poolSize;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.breaker.window", defaultValue = "4")
  int breakerWindow;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.breaker.failure-ratio", defaultValue = "0.5")
  double breakerFailureRatio;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.breaker.delay-ms", defaultValue = "1000")
  long breakerDelayMillis;

  private Breaker breaker;
  private JedisPooled jedis;
  private HostAndPort address;
  private JedisClientConfig clientConfig;
  private volatile long lastRejectedMs;

  @PostConstruct
  void connect() {
    var uri = URI.create(redisUrl);
    address = new HostAndPort(uri.getHost(), uri.getPort());
    clientConfig =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis * 4)
            .socketTimeoutMillis(timeoutMillis)
            .password(password(uri))
            .build();
    var pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMaxWait(Duration.ofMillis(timeoutMillis));
    jedis = new JedisPooled(pool, address, clientConfig);
    breaker =
        new Breaker(
            breakerWindow, breakerFailureRatio, breakerDelayMillis * 1_000_000, System::nanoTime);
  }

  @PreDestroy
  void close() {
    jedis.close();
  }

  /**
   * Runs one Redis operation behind the breaker: when half of the last 4 calls failed it opens for
   * 1 s ({@code keystone.cache.redis.breaker.window}, {@code .failure-ratio}, {@code .delay-ms}).
   *
   * @throws BreakerOpen at once while the breaker is open
   * @throws RuntimeException what the operation threw (a Jedis error, counted as a failure)
   */
  public <T> T call(Function<UnifiedJedis, T> op) {
    if (!breaker.allow()) {
      lastRejectedMs = System.currentTimeMillis();
      throw new BreakerOpen();
    }
    boolean failed = true;
    try {
      T result = op.apply(jedis);
      failed = false;
      return result;
    } finally {
      breaker.record(failed);
    }
  }

  /** A dedicated connection (for the invalidation subscriber), not from the pool. */
  Jedis dedicatedConnection() {
    return new Jedis(address, clientConfig);
  }

  /** Answers PING, for the readiness check's data (not behind the breaker: it probes). */
  public boolean ping() {
    try {
      return "PONG".equals(jedis.ping());
    } catch (JedisException e) {
      return false;
    }
  }

  /** True if the breaker rejected a call within the last two seconds. */
  public boolean breakerOpen() {
    return System.currentTimeMillis() - lastRejectedMs < 2000;
  }

  private static String password(URI uri) {
    var info = uri.getUserInfo();
    if (info == null || info.isEmpty()) {
      return null;
    }
    int colon = info.indexOf(':');
    return colon >= 0 ? info.substring(colon + 1) : info;
  }

  /** The breaker is open: the call was not made. */
  public static final class BreakerOpen extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BreakerOpen() {
      super("Redis circuit breaker open", null, false, false); // no stack: thrown per request
    }
  }

  /** Redis could not answer; the caller falls back to the loader. */
  public static final class RedisUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    RedisUnavailable(Throwable cause) {
      super("Redis unavailable", cause);
    }
  }
}
