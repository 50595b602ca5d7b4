package dev.keystone.cache.internal;

import dev.keystone.platform.health.ApplicationReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Always UP: a dead Redis only makes reads slower (docs/architecture.md §2: Redis is an
 * optimisation, never a source of truth). The data says whether the cache is serving or degraded.
 */
@ApplicationReadiness("redis")
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

  @Inject RedisCache redis;

  @Override
  public HealthCheckResponse call() {
    boolean reachable = redis.ping();
    return HealthCheckResponse.named("redis")
        .up()
        .withData("reachable", reachable)
        .withData("cache", reachable ? "serving" : "degraded")
        .build();
  }
}
