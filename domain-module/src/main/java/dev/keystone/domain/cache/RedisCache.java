package dev.keystone.domain.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one place that holds Redis connections (seed §2: Redis is an optimisation, never a source of
 * truth). Every call runs behind a MicroProfile Fault Tolerance circuit breaker with small socket
 * timeouts ({@code keystone.cache.redis.timeout-ms}, 50 ms): a dead or paused Redis costs a few
 * timeouts, then the breaker rejects calls at once for its delay, then one trial call probes it.
 * Callers go through {@link RedisGate}, which turns every failure into a fail-open miss.
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
  }

  @PreDestroy
  void close() {
    jedis.close();
  }

  /**
   * Runs one Redis operation behind the breaker: after 4 calls of which half failed it opens for 1
   * s (MP Config {@code dev.keystone.domain.cache.RedisCache/call/CircuitBreaker/delay} etc.).
   */
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 1000,
      successThreshold = 1)
  public <T> T call(Function<UnifiedJedis, T> op) {
    return op.apply(jedis);
  }

  /**
   * One bare GET, no breaker and no decoding: the benchmark's "one Jedis GET" reference point (only
   * reachable through the bench endpoint, which is off by default).
   */
  public String bareGet(String key) {
    return jedis.get(key);
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

  void rejected() {
    lastRejectedMs = System.currentTimeMillis();
  }

  private static String password(URI uri) {
    var info = uri.getUserInfo();
    if (info == null || info.isEmpty()) {
      return null;
    }
    int colon = info.indexOf(':');
    return colon >= 0 ? info.substring(colon + 1) : info;
  }

  /** Redis could not answer; the caller falls back to the loader. */
  public static final class RedisUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    RedisUnavailable(Throwable cause) {
      super("Redis unavailable", cause);
    }
  }
}
