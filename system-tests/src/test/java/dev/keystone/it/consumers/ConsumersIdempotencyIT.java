package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.FaultReport;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * docs/architecture.md §5.3 and §5.4 against the consumers in the EAR: every event delivered twice,
 * keys interleaved, old events redelivered after newer ones of their key, and a customer registered
 * after their orders. Each consumer must end exactly where a fold over the distinct events ends.
 */
@KeystoneIT
@Tag("fault")
class ConsumersIdempotencyIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void duplicatedAndInterleavedEventsYieldExactlyOneEffectEach() throws Exception {
    var shop = new ShopScenario(5, 16, 3, 0.3, 6L);
    var deliveries = shop.deliveries();
    assertThat(deliveries).hasSize(2 * shop.distinctEvents().size());
    try (var feed = new EventFeed()) {
      feed.publish(deliveries);
    }

    // analytics: the fold over the distinct events, not over the deliveries
    var expected = ConsumerChecks.scaled(shop.expectedSales());
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> assertThat(ConsumerChecks.sales(api, shop.productIds)).isEqualTo(expected));

    // audit: one row per distinct event, and an order's history in version order
    var ids = shop.distinctEvents().stream().map(ShopEvent::id).toList();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(ConsumerChecks.auditRows(ids)).isEqualTo(ids.size()));
    var cancelledOrder =
        shop.orders.stream().filter(o -> o.cancelled() != null).findFirst().orElseThrow();
    var history =
        api.get("/consumers/audit?aggregateType=order&aggregateId=" + cancelledOrder.id());
    assertThat(history.jsonArray().getValuesAs(JsonObject.class))
        .extracting(e -> e.getJsonNumber("aggregateVersion").longValue())
        .containsExactly(1L, 2L);

    // email: exactly one confirmation per order and one cancellation per cancelled order, with
    // the event id as Message-ID — including the orders of the customer who registered last
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertMails(shop));
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertMails(shop));
    long audited = ConsumerChecks.auditRows(ids);
    FaultReport.of("§5.3 duplicates and §5.4 reordering: every event delivered twice, interleaved")
        .published(deliveries.size())
        .applied(audited)
        .duplicatesSuppressed(deliveries.size() - audited)
        .lost(ids.size() - audited)
        .detail(
            "%d distinct events; analytics equal to the fold over distinct events; one mail per"
                + " order event",
            ids.size())
        .print();
  }

  private static void assertMails(ShopScenario shop) {
    for (var customer : shop.customers) {
      var received = Mailbox.of(customer.email());
      var expected = new ArrayList<String>();
      for (var o : shop.orders) {
        if (o.customer().equals(customer)) {
          expected.add("<" + o.placed().id() + "@keystone>");
          if (o.cancelled() != null) {
            expected.add("<" + o.cancelled().id() + "@keystone>");
          }
        }
      }
      assertThat(received)
          .as("mail of %s", customer.email())
          .extracting(Mailbox.Mail::messageId)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void productEventsEvictTheProductsCacheEntry() throws Exception {
    long id = 7_000_000_000L + (UUID.randomUUID().getMostSignificantBits() & 0xffffff);
    var key = "keystone:v2:{product:" + id + "}";
    try (var redis =
            new JedisPooled(
                java.net.URI.create(KeystoneStack.get().devstack().endpoints().redisUrl()));
        var feed = new EventFeed()) {
      redis.set(key, "{\"version\":3}");
      var adjusted =
          Json.createObjectBuilder()
              .add("productId", id)
              .add("delta", -1)
              .add("stock", 4)
              .add("reason", "order")
              .add("version", 2)
              .build();
      // an event older than the cached value: eviction is still safe (one extra miss at worst)
      feed.publish(
          java.util.List.of(ShopEvent.of("product", "stock-adjusted", "" + id, 2, adjusted)));
      await().atMost(Duration.ofSeconds(60)).until(() -> !redis.exists(key));
    }
  }

  @Test
  void badAnalyticsParametersAreProblems() {
    for (var path :
        java.util.List.of(
            "/consumers/analytics/daily-sales?from=yesterday",
            "/consumers/analytics/daily-sales?from=2026-02-01&to=2026-01-01",
            "/consumers/analytics/daily-sales?from=2020-01-01&to=2026-01-01",
            "/consumers/analytics/daily-sales?productId=abc",
            "/consumers/analytics/top-products?limit=0",
            "/consumers/analytics/top-products?limit=x",
            "/consumers/analytics/top-products?to=2026-13-01")) {
      var reply = api.get(path);
      assertThat(reply.status()).as(path + " → " + reply).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
      assertThat(reply.json().getInt("status")).isEqualTo(400);
    }
    var top = api.get("/consumers/analytics/top-products?limit=5");
    assertThat(top.status()).as(top.toString()).isEqualTo(200);
  }
}
