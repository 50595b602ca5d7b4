package dev.keystone.bench;

import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * The bench WAR's own Jedis pool, configured from the same keys as the application's cache
 * (docs/cache.md): same Redis, same socket timeout, same pool size, but no breaker, no decoding and
 * no near cache: the "one Jedis GET" a Redis-tier hit is compared with.
 */
final class BareRedis {

  /** The cache's key of a product (docs/cache-contract.md). */
  static String productKey(long id) {
    return "keystone:v2:{product:" + id + "}";
  }

  private final JedisPooled jedis;

  BareRedis() {
    var config = ConfigProvider.getConfig();
    var redisUrl =
        config
            .getOptionalValue("KEYSTONE_REDIS_URL", String.class)
            .orElse("redis://localhost:16379");
    int timeoutMillis =
        config.getOptionalValue("keystone.cache.redis.timeout-ms", Integer.class).orElse(50);
    int poolSize =
        config.getOptionalValue("keystone.cache.redis.pool-size", Integer.class).orElse(64);
    var uri = URI.create(redisUrl);
    var info = uri.getUserInfo();
    var password = info == null || info.isEmpty() ? null : info.substring(info.indexOf(':') + 1);
    var client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis * 4)
            .socketTimeoutMillis(timeoutMillis)
            .password(password)
            .build();
    var pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMaxWait(Duration.ofMillis(timeoutMillis));
    jedis = new JedisPooled(pool, new HostAndPort(uri.getHost(), uri.getPort()), client);
  }

  String get(String key) {
    return jedis.get(key);
  }
}
