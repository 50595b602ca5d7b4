package dev.keystone.cache.internal;

import dev.keystone.platform.cachekeys.CacheKeys;
import dev.keystone.platform.scheduling.Periodic;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Keeps every server's {@link NearCache} coherent: one dedicated Redis connection subscribed to
 * {@link CacheProtocol#CHANNEL}, and a 250 ms heartbeat (PING on the subscription). The near cache
 * is live only while subscribed and while the last PONG is younger than 1 s, so a killed or paused
 * (SIGSTOP) Redis empties it within a second.
 */
@ApplicationScoped
public class NearCacheInvalidations {

  private static final Logger LOG = Logger.getLogger(NearCacheInvalidations.class.getName());
  private static final long HEARTBEAT_MS = 250;
  private static final long SILENCE_MS = 1000;

  /**
   * A subscription silent this long is cut: its server may be frozen (SIGSTOP) or partitioned while
   * Sentinel promotes another, and a blocked read would otherwise wait for it forever.
   */
  private static final long CUT_MS = 3000;

  @Inject RedisCache redis;
  @Inject NearCache near;
  @Inject CacheMetrics metrics;

  @Resource ManagedThreadFactory threads;
  @Resource ManagedScheduledExecutorService scheduler;

  private volatile boolean running = true;
  private volatile Subscription current;
  private volatile Jedis connection;
  private volatile long lastPongMs;
  private final Periodic heartbeat = new Periodic("The near-cache heartbeat", LOG);

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    var every = Duration.ofMillis(HEARTBEAT_MS);
    if (heartbeat.start(scheduler, every, every, this::beat)) { // one event per module of the EAR
      threads.newThread(this::subscribeForever).start();
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    heartbeat.stop();
    var s = current;
    if (s != null && s.isSubscribed()) {
      s.unsubscribe();
    }
  }

  private void subscribeForever() {
    while (running) {
      try (var jedis = redis.dedicatedConnection()) {
        var subscription = new Subscription();
        connection = jedis;
        lastPongMs = System.currentTimeMillis();
        current = subscription;
        jedis.subscribe(subscription, CacheProtocol.CHANNEL);
      } catch (RuntimeException e) {
        LOG.fine(() -> "near-cache invalidation subscription lost: " + e);
      }
      near.down();
      current = null;
      connection = null;
      if (running) {
        try {
          Thread.sleep(500); // reconnect pace while Redis is away
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void beat() {
    var s = current;
    if (s == null || !s.isSubscribed()) {
      near.down();
      return;
    }
    long silentMs = System.currentTimeMillis() - lastPongMs;
    if (silentMs > SILENCE_MS) {
      near.down();
    }
    if (silentMs > CUT_MS) {
      cut();
      return;
    }
    try {
      s.ping();
    } catch (RuntimeException e) {
      near.down();
    }
  }

  /**
   * Closes the subscription's socket, so that the subscriber's blocked read ends and it reconnects.
   */
  private void cut() {
    var jedis = connection;
    if (jedis != null) {
      LOG.fine("near-cache invalidation subscription silent; reconnecting");
      try {
        jedis.disconnect();
      } catch (RuntimeException e) {
        LOG.fine(() -> "closing a silent subscription: " + e);
      }
    }
  }

  private final class Subscription extends JedisPubSub {
    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      lastPongMs = System.currentTimeMillis();
      near.up();
    }

    @Override
    public void onPong(String pattern) {
      lastPongMs = System.currentTimeMillis();
      if (!near.isLive()) {
        near.up();
      }
    }

    @Override
    public void onMessage(String channel, String key) {
      if (near.invalidate(key)) {
        metrics.count(CacheKeys.cacheOf(key), CacheCounters.Event.NEAR_INVALIDATIONS);
      }
    }
  }
}
