package dev.keystone.it.shop;

import static dev.keystone.it.shop.Shop.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;

/**
 * A customer reading or cancelling someone else's order is refused before anything reaches the
 * cache (docs/security.md): no Redis key of that order exists after the refusals, while the owner's
 * and an admin's reads are cached under their own keys, and a cancel evicts both.
 */
@KeystoneIT
class RefusedOrderReadIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void someoneElsesOrderIsRefusedWithoutTouchingTheCache() {
    long product = shop.product("4.00", "EUR", 20, "refused");
    long ownerId = shop.customer();
    long strangerId = shop.customer();
    var owner = Api.as("customer", Long.toString(ownerId));
    var stranger = Api.as("customer", Long.toString(strangerId));
    var placed =
        owner.post(
            "/api/orders",
            "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":1}]}"
                .formatted(ownerId, product));
    assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
    long order = placed.json().getJsonNumber("id").longValue();
    var path = "/api/orders/" + order;

    try (var redis = new JedisPooled(KeystoneStack.get().devstack().endpoints().redisUrl())) {
      assertThat(keysOf(redis, order)).as("nothing cached before any read").isEmpty();

      for (int i = 0; i < 3; i++) {
        assertProblem(stranger.get(path), 403, "forbidden");
        assertProblem(stranger.post(path + "/cancel", ""), 403, "forbidden");
      }
      assertThat(keysOf(redis, order)).as("Redis keys after refused reads").isEmpty();

      var miss = owner.get(path);
      assertThat(miss.status()).as(miss.toString()).isEqualTo(200);
      assertThat(miss.header("Cache-Status")).startsWith("keystone; fwd=miss");
      assertThat(owner.get(path).header("Cache-Status")).isEqualTo("keystone; hit");
      assertProblem(stranger.get(path), 403, "forbidden"); // the owner's entry serves no one else
      assertThat(shop.api.get(path).header("Cache-Status")).startsWith("keystone; fwd=miss");
      assertThat(keysOf(redis, order))
          .as("the owner's and the admin's entries")
          .containsExactly(key(order + "@" + ownerId), key(Long.toString(order)));

      var cancelled = owner.post(path + "/cancel", "");
      assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
      assertThat(keysOf(redis, order)).as("a cancel evicts both entries").isEmpty();
      assertThat(owner.get(path).json().getString("status")).isEqualTo("CANCELLED");
      assertThat(shop.api.get(path).json().getString("status")).isEqualTo("CANCELLED");
    }
  }

  private static String key(String id) {
    return "keystone:v2:{order:" + id + "}";
  }

  /** Every key of this order in Redis: values and fill leases, any caller's. */
  private static TreeSet<String> keysOf(JedisPooled redis, long order) {
    var prefix = "keystone:v2:{order:" + order;
    var found = new TreeSet<String>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      var page = redis.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
      page.getResult().stream()
          .filter(k -> k.startsWith(prefix + "}") || k.startsWith(prefix + "@"))
          .forEach(found::add);
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return found;
  }
}
