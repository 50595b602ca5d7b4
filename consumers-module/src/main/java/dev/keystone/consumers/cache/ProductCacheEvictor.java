package dev.keystone.consumers.cache;

import dev.keystone.platform.cachekeys.CacheKeys;
import dev.keystone.platform.redis.RedisAddress;
import dev.keystone.platform.redis.RedisSentinels;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Deletes the product cache's entry by the documented key scheme ({@link CacheKeys}, the cache
 * contract in docs/cache.md), with its own {@link JedisPooled} (this WAR may run on a server
 * without the cache library) and short timeouts ({@code keystone.cache-refresh.timeout-ms}, 200).
 *
 * <p><b>Why eviction, and why it is safe in any order:</b> the cache's contract is that a value is
 * only ever written by a read that loaded it from PostgreSQL, version-fenced (a fill never
 * overwrites a newer cached version). A DEL writes no value at all, so whatever event triggers it —
 * the newest, a duplicate or one delivered very late — it can never put old data back: the worst an
 * old event can do is cause one extra miss, after which the next read loads the current row.
 * Refreshing (writing the event's values) would need the event to carry the full cached view and to
 * win the version fence; eviction needs neither.
 *
 * <p><b>Fail-open:</b> Redis is not authoritative (docs/architecture.md §5.2). If it is down the
 * eviction is skipped with one warning per outage and the message is still acknowledged: the entry
 * then ends by its TTL, and the application's own after-commit eviction already ran.
 */
@ApplicationScoped
public class ProductCacheEvictor {

  /** The name the shop's product reads are cached under. */
  public static final String PRODUCT_CACHE = "product";

  /** The cache contract's key of a product. */
  public static String key(String productId) {
    return CacheKeys.key(PRODUCT_CACHE, productId);
  }

  private static final Logger LOG = Logger.getLogger(ProductCacheEvictor.class.getName());

  @Inject
  @ConfigProperty(name = "KEYSTONE_REDIS_URL", defaultValue = "redis://localhost:16379")
  String redisUrl;

  @Inject
  @ConfigProperty(name = "keystone.cache-refresh.timeout-ms", defaultValue = "200")
  int timeoutMillis;

  private UnifiedJedis jedis;
  private volatile boolean failing;

  /** One Redis server ({@code redis://}) or Sentinels ({@code redis-sentinel://}), as the cache. */
  @PostConstruct
  void connect() {
    var pool = new ConnectionPoolConfig();
    pool.setMaxTotal(8);
    pool.setMaxWait(Duration.ofMillis(timeoutMillis));
    if (RedisSentinels.isSentinelUrl(redisUrl)) {
      var sentinels = RedisSentinels.parse(redisUrl);
      var nodes = new LinkedHashSet<HostAndPort>();
      sentinels.sentinels().forEach(n -> nodes.add(new HostAndPort(n.host(), n.port())));
      jedis =
          new JedisSentineled(
              sentinels.primaryName(),
              client(sentinels.password(), sentinels.tls()),
              pool,
              nodes,
              client(null, false));
    } else {
      var redis = RedisAddress.parse(redisUrl);
      jedis =
          new JedisPooled(
              pool,
              new HostAndPort(redis.host(), redis.port()),
              client(redis.password(), redis.tls()));
    }
  }

  private JedisClientConfig client(String password, boolean tls) {
    return DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(timeoutMillis)
        .socketTimeoutMillis(timeoutMillis)
        .password(password)
        .ssl(tls)
        .build();
  }

  @PreDestroy
  void close() {
    jedis.close();
  }

  /**
   * Evicts the product's entry.
   *
   * @return true if Redis answered (whether or not the key existed)
   */
  public boolean evict(String productId) {
    try {
      jedis.del(key(productId));
      failing = false;
      return true;
    } catch (JedisException e) {
      if (!failing) {
        LOG.warning(() -> "Redis unavailable, cache refresh skips evictions: " + e);
      }
      failing = true;
      return false;
    }
  }
}
