package dev.keystone.cache.internal;

import dev.keystone.cache.CurrentVersions;
import dev.keystone.platform.scheduling.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs the {@link ConsistencySampler} every {@code keystone.cache.consistency.interval-ms} (default
 * one minute) for every cache the application gave a {@link CurrentVersions} for, on the managed
 * scheduler, never on a request thread, and exports what it found (docs/cache.md, "Consistency,
 * measured"): {@code keystone_cache_consistency_inconsistent{cache}} (entries found different from
 * the database and still so), {@code keystone_cache_consistency_oldest_seconds{cache}} (how long
 * the oldest of them has been), {@code keystone_cache_consistency_sampled_total} and {@code
 * keystone_cache_consistency_found_total}.
 */
@ApplicationScoped
public class ConsistencyJob {

  private static final Logger LOG = Logger.getLogger(ConsistencyJob.class.getName());

  @Inject @Any Instance<CurrentVersions> sources;
  @Inject RedisCache redis;
  @Inject MetricRegistry registry;
  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "keystone.cache.consistency.interval-ms", defaultValue = "60000")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "keystone.cache.consistency.sample", defaultValue = "100")
  int sampleSize;

  private final Periodic job = new Periodic("Sampling the cache's consistency", LOG);
  private final Map<String, ConsistencySampler.Round> last = new ConcurrentHashMap<>();
  private volatile ConsistencySampler sampler;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (intervalMs <= 0 || sampleSize <= 0 || sources.isUnsatisfied()) {
      return; // switched off, or nothing to compare with (e.g. the consumers WAR)
    }
    var every = Duration.ofMillis(intervalMs);
    sampler = new ConsistencySampler(new KeyCycle(redis), redis::peek, System::currentTimeMillis);
    job.start(scheduler, every, every, this::round);
  }

  /** What the last round found for {@code cache}, or null before the first. */
  public ConsistencySampler.Round last(String cache) {
    return last.get(cache);
  }

  private void round() {
    for (var source : sources) {
      ConsistencySampler.Round round;
      try {
        round = sampler.sample(source, sampleSize);
      } catch (JedisException e) {
        // Redis is away: the cache's breaker and health check report that; try next round
        LOG.log(Level.FINE, "consistency sample skipped: Redis did not answer", e);
        return;
      }
      if (last.put(round.cache(), round) == null) {
        register(round.cache());
      }
      counter("keystone.cache.consistency.sampled", round.cache()).inc(round.sampled());
      counter("keystone.cache.consistency.found", round.cache()).inc(round.found());
    }
  }

  private void register(String cache) {
    var tag = new Tag("cache", cache);
    registry.gauge(
        "keystone.cache.consistency.inconsistent", this, j -> j.last(cache).inconsistent(), tag);
    registry.gauge(
        "keystone.cache.consistency.oldest.seconds",
        this,
        j -> j.last(cache).oldestMs() / 1000.0,
        tag);
  }

  private Counter counter(String name, String cache) {
    return registry.counter(name, new Tag("cache", cache));
  }
}
