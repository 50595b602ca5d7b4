package dev.keystone.web.bench;

import dev.keystone.domain.cache.CacheKeys;
import dev.keystone.domain.cache.RedisCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /api/bench}: the benchmark's reference points on the same server as the real endpoint —
 * {@code noop} (JAX-RS alone, the floor) and {@code redis/{id}} (one Jedis GET of the product's
 * cached bytes, returned as they are). Answers 404 unless {@code keystone.bench.enabled} is true.
 */
@Path("/bench")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BenchResource {

  private static final String PRODUCT_LIKE =
      "{\"category\":\"bench\",\"currency\":\"EUR\",\"id\":1,\"name\":\"Bench product\","
          + "\"price\":3.5,\"sku\":\"BENCH-00000000\",\"stock\":5,\"version\":1}";

  @Inject
  @ConfigProperty(name = "keystone.bench.enabled", defaultValue = "false")
  boolean enabled;

  @Inject RedisCache redis;

  @GET
  @Path("noop")
  public String noop() {
    guard();
    return PRODUCT_LIKE;
  }

  @GET
  @Path("redis/{id}")
  public String bareRedis(@PathParam("id") long id) {
    guard();
    var bytes = redis.bareGet(CacheKeys.key("product", id));
    if (bytes == null) {
      throw new NotFoundException();
    }
    return bytes;
  }

  private void guard() {
    if (!enabled) {
      throw new NotFoundException();
    }
  }
}
