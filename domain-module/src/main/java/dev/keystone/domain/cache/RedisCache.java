package dev.keystone.domain.cache;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The one place that talks to Redis. Every call fails open: a Redis error is logged once per
 * outage, and for {@code keystone.cache.open-interval} afterwards no call is attempted at all, so a
 * dead or slow Redis costs one short timeout, not one per request (seed §5.2: Redis is not
 * authoritative, so skipping it is always safe).
 */
@ApplicationScoped
public class RedisCache {

  private static final Logger LOG = Logger.getLogger(RedisCache.class.getName());

  @Inject
  @ConfigProperty(name = "KEYSTONE_REDIS_URL", defaultValue = "redis://localhost:16379")
  String redisUrl;

  @Inject
  @ConfigProperty(name = "keystone.cache.redis.timeout-ms", defaultValue = "50")
  int timeoutMillis;

  @Inject
  @ConfigProperty(name = "keystone.cache.open-interval-ms", defaultValue = "2000")
  long openIntervalMillis;

  @Inject
  @ConfigProperty(name = "keystone.cache.ttl-jitter", defaultValue = "0.10")
  double jitter;

  private JedisPooled jedis;
  private volatile long skipUntil;

  @PostConstruct
  void connect() {
    var uri = URI.create(redisUrl);
    var client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis * 4)
            .socketTimeoutMillis(timeoutMillis)
            .password(password(uri))
            .build();
    var pool = new ConnectionPoolConfig();
    pool.setMaxTotal(64);
    pool.setMaxIdle(64);
    pool.setMaxWait(Duration.ofMillis(timeoutMillis));
    jedis = new JedisPooled(pool, new HostAndPort(uri.getHost(), uri.getPort()), client);
  }

  @PreDestroy
  void close() {
    jedis.close();
  }

  /** The value at {@code key}; empty on a miss and when Redis is unavailable. */
  public Optional<String> get(String key) throws RedisUnavailable {
    guard();
    try {
      return Optional.ofNullable(jedis.get(key));
    } catch (JedisException e) {
      throw failed(e);
    }
  }

  /** Stores {@code value} with the TTL shortened or lengthened by up to the configured jitter. */
  public void set(String key, String value, Duration ttl) {
    if (isOpen()) {
      return;
    }
    try {
      jedis.set(key, value, SetParams.setParams().px(jittered(ttl).toMillis()));
    } catch (JedisException e) {
      failed(e);
    }
  }

  /** Deletes {@code key}; a failure is logged and absorbed: the entry then ends by its TTL. */
  public void delete(String key) {
    try {
      jedis.del(key);
    } catch (JedisException e) {
      failed(e);
    }
  }

  /** Answers PING, for the readiness check's data. */
  public boolean ping() {
    try {
      return "PONG".equals(jedis.ping());
    } catch (JedisException e) {
      return false;
    }
  }

  /** True while Redis calls are skipped after a failure. */
  public boolean isOpen() {
    return System.currentTimeMillis() < skipUntil;
  }

  Duration jittered(Duration ttl) {
    double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
    return Duration.ofMillis(Math.max(1, Math.round(ttl.toMillis() * factor)));
  }

  private void guard() throws RedisUnavailable {
    if (isOpen()) {
      throw new RedisUnavailable(null);
    }
  }

  private RedisUnavailable failed(JedisException e) {
    if (!isOpen()) {
      LOG.log(Level.WARNING, "Redis unavailable, serving from the database: {0}", e.toString());
    }
    skipUntil = System.currentTimeMillis() + openIntervalMillis;
    return new RedisUnavailable(e);
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
