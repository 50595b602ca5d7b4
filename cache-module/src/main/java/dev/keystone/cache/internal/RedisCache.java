package dev.keystone.cache.internal;

import dev.keystone.cache.internal.CacheProtocol.Fill;
import dev.keystone.platform.redis.RedisAddress;
import dev.keystone.platform.redis.RedisSentinels;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The one place that holds Redis connections (docs/architecture.md §2: Redis is an optimisation,
 * never a source of truth), and the {@link CacheStore} the engine uses in the server: {@link
 * CacheProtocol} over a pool with small socket timeouts ({@code keystone.cache.redis.timeout-ms},
 * 50 ms). The engine reaches it only through {@link GuardedStore} (breaker, fail-open) and {@link
 * TracedStore} (a span per Redis call when tracing is on).
 *
 * <p>{@code KEYSTONE_REDIS_URL} names one server ({@code redis://}) or Sentinels ({@code
 * redis-sentinel://h:p,h:p/<primary>}); through Sentinel the pool follows a promotion by itself.
 */
@ApplicationScoped
public class RedisCache implements CacheStore {

  @Inject
  @ConfigProperty(name = "KEYSTONE_REDIS_URL", defaultValue = "redis://localhost:16379")
  String redisUrl;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.timeout-ms", defaultValue = "50")
  int timeoutMillis;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.pool-size", defaultValue = "64")
  int poolSize;

  private UnifiedJedis jedis;
  private JedisSentineled sentineled;

  private HostAndPort address;
  private JedisClientConfig clientConfig;

  @PostConstruct
  void connect() {
    var pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMaxWait(Duration.ofMillis(timeoutMillis));
    if (RedisSentinels.isSentinelUrl(redisUrl)) {
      var sentinels = RedisSentinels.parse(redisUrl);
      clientConfig = clientConfig(sentinels.password(), sentinels.tls());
      var nodes = new LinkedHashSet<HostAndPort>();
      sentinels.sentinels().forEach(n -> nodes.add(new HostAndPort(n.host(), n.port())));
      // Sentinels are asked rarely (start, promotion) and may be slower than a data node.
      var sentinelConfig =
          DefaultJedisClientConfig.builder()
              .connectionTimeoutMillis(timeoutMillis * 10)
              .socketTimeoutMillis(timeoutMillis * 10)
              .build();
      sentineled =
          new JedisSentineled(sentinels.primaryName(), clientConfig, pool, nodes, sentinelConfig);
      jedis = sentineled;
    } else {
      var redis = RedisAddress.parse(redisUrl);
      address = new HostAndPort(redis.host(), redis.port());
      clientConfig = clientConfig(redis.password(), redis.tls());
      jedis = new JedisPooled(pool, address, clientConfig);
    }
  }

  private JedisClientConfig clientConfig(String password, boolean tls) {
    return DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(timeoutMillis * 4)
        .socketTimeoutMillis(timeoutMillis)
        .password(password)
        .ssl(tls)
        .build();
  }

  @PreDestroy
  void close() {
    jedis.close();
  }

  @Override
  public CacheEntry get(String key) {
    return CacheProtocol.get(jedis, key);
  }

  @Override
  public boolean tryLease(String key, String token, long leaseMs) {
    return CacheProtocol.tryLease(jedis, key, token, leaseMs);
  }

  @Override
  public void release(String key, String token) {
    CacheProtocol.release(jedis, key, token);
  }

  @Override
  public Fill fill(String key, String token, CacheEntry entry, long ttlMs) {
    return CacheProtocol.fill(jedis, key, token, entry, ttlMs);
  }

  @Override
  public void put(String key, CacheEntry entry, long ttlMs) {
    CacheProtocol.put(jedis, key, entry, ttlMs);
  }

  @Override
  public void invalidate(String key) {
    CacheProtocol.invalidate(jedis, key);
  }

  /**
   * The entry under {@code key}, for the consistency sampler, which reads hundreds of keys a round
   * off the request path: it uses this store directly, not the engine's traced one, so that it does
   * not flood the traces with root spans.
   */
  CacheEntry peek(String key) {
    return CacheProtocol.get(jedis, key);
  }

  /**
   * The keys of one SCAN step matching {@code match}, and the cursor of the next step ("0" when a
   * full cycle ended), for the consistency sampler; not traced, it runs off the request path.
   */
  ScanResult<String> scan(String cursor, String match, int count) {
    return jedis.scan(cursor, new ScanParams().match(match).count(count));
  }

  /**
   * A dedicated connection (for the invalidation subscriber), not from the pool: to the primary
   * Sentinel names now, so a subscriber that lost its connection in a failover finds the new one.
   */
  Jedis dedicatedConnection() {
    return new Jedis(sentineled != null ? sentineled.getCurrentMaster() : address, clientConfig);
  }

  /** Answers PING, for the readiness check's data (not behind the breaker: it probes). */
  public boolean ping() {
    try {
      return "PONG".equals(jedis.ping());
    } catch (JedisException e) {
      return false;
    }
  }
}
