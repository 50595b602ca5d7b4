package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.consumers.ShopScenario.Totals;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Topics;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A message the analytics consumer cannot apply (a fault injected into its table for one product)
 * goes to {@code keystone.dlt.analytics} with the error in headers after bounded retries; the later
 * events of its key are parked behind it while other keys flow; once the cause is fixed, the
 * operator's replay applies them all, in order. The channel is never nacked, so it keeps consuming
 * throughout.
 */
@KeystoneIT
@Tag("fault")
class PoisonMessagesIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void poisonGoesToTheDeadLetterTopicAndItsKeyWaitsUntilReplayed() throws Exception {
    var shop = new ShopScenario(1, 6, 4, 0.0, 42L);
    var poisoned = shop.orders.get(0);
    long badProduct = poisoned.lines().get(0).productId();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> tableExists("consumers.analytics_daily_sales"));
    ConsumerChecks.sql(
        """
        create or replace function consumers.it_poison() returns trigger language plpgsql as $$
        begin
          if new.product_id = %d then raise exception 'injected fault for product %d'; end if;
          return new;
        end $$;
        drop trigger if exists it_poison on consumers.analytics_daily_sales;
        create trigger it_poison before insert or update on consumers.analytics_daily_sales
          for each row execute function consumers.it_poison();
        """
            .formatted(badProduct, badProduct));
    try (var feed = new EventFeed()) {
      replayAfterTheFix(feed, shop, poisoned, badProduct);
    } finally {
      ConsumerChecks.sql("drop trigger if exists it_poison on consumers.analytics_daily_sales");
    }
  }

  private void replayAfterTheFix(
      EventFeed feed, ShopScenario shop, ShopScenario.Order poisoned, long badProduct)
      throws Exception {
    var cancellation = cancel(poisoned);
    feed.publish(List.of(poisoned.placed(), cancellation));
    var others =
        shop.orders.subList(1, shop.orders.size()).stream()
            .filter(o -> o.lines().stream().noneMatch(l -> l.productId() == badProduct))
            .toList();
    feed.publish(others.stream().map(ShopScenario.Order::placed).toList());

    // the poison is dead-lettered with its error, keyed as before
    var dead =
        Topics.read(
            "keystone.dlt.analytics",
            r -> ("" + poisoned.id()).equals(r.key()),
            1,
            Duration.ofSeconds(60));
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).value()).isEqualTo(poisoned.placed().json());
    assertThat(header(dead.get(0), "keystone-error-message")).contains("injected fault");
    assertThat(header(dead.get(0), "keystone-attempts")).isEqualTo("3");
    assertThat(header(dead.get(0), "keystone-original-topic")).isEqualTo("keystone.order");

    // the cancellation waits behind it; other keys flow
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(parked(poisoned.id()))
                    .extracting(p -> p.getString("eventId"))
                    .containsExactly(
                        poisoned.placed().id().toString(), cancellation.id().toString()));
    var fold = new java.util.HashMap<String, Totals>();
    for (var o : others) {
      var day = java.time.LocalDate.ofInstant(o.placedAt(), java.time.ZoneOffset.UTC);
      for (var l : o.lines()) {
        fold.merge(
            l.productId() + "@" + day,
            new Totals(
                l.quantity(), l.unitPrice().multiply(java.math.BigDecimal.valueOf(l.quantity()))),
            (a, b) -> a.plus(b.units(), b.revenue()));
      }
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(ConsumerChecks.sales(api, shop.productIds))
                    .isEqualTo(ConsumerChecks.scaled(fold)));
    // audit is another consumer: it applied the same messages without trouble
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        ConsumerChecks.auditRows(
                            List.of(poisoned.placed().id(), cancellation.id())))
                    .isEqualTo(2));

    // a replay before the fix fails again and changes nothing
    var early = api.post("/consumers/admin/parked/analytics/" + poisoned.id() + "/replay", "");
    assertThat(early.status()).as(early.toString()).isEqualTo(409);
    assertThat(parked(poisoned.id())).hasSize(2);

    // the operator fixes the cause and replays: both applied, in order (placed, then reversed)
    ConsumerChecks.sql("drop trigger it_poison on consumers.analytics_daily_sales");
    var replay = api.post("/consumers/admin/parked/analytics/" + poisoned.id() + "/replay", "");
    assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
    assertThat(replay.json().getInt("applied")).isEqualTo(2);
    assertThat(parked(poisoned.id())).isEmpty();
    assertThat(cancelledInAnalytics(poisoned.id()))
        .as("placed applied before cancelled, so the cancellation reversed its lines")
        .isTrue();
    assertThat(ConsumerChecks.sales(api, shop.productIds)).isEqualTo(ConsumerChecks.scaled(fold));

    // the key flows normally again
    assertThat(
            api.get("/consumers/admin/parked?consumer=analytics").jsonArray().stream()
                .map(JsonObject.class::cast)
                .filter(p -> p.getString("key").equals("" + poisoned.id())))
        .isEmpty();
  }

  @Test
  void parkedEndpointsAnswerProblems() {
    assertThat(api.post("/consumers/admin/parked/nobody/1/replay", "").status()).isEqualTo(404);
    var badSeq = api.send(api.request("/consumers/admin/parked/analytics/1/x").DELETE().build());
    assertThat(badSeq.status()).isEqualTo(400);
    assertThat(badSeq.header("Content-Type")).startsWith("application/problem+json");
    var nothing = api.send(api.request("/consumers/admin/parked/analytics/none").DELETE().build());
    assertThat(nothing.status()).isEqualTo(404);
  }

  private static ShopEvent cancel(ShopScenario.Order order) {
    var data =
        jakarta.json.Json.createObjectBuilder()
            .add("orderId", order.id())
            .add("customerId", order.customer().id())
            .add("total", 1)
            .add("currency", "EUR")
            .add("cancelledAt", java.time.Instant.now().toString())
            .add("version", 2)
            .build();
    return ShopEvent.of("order", "cancelled", "" + order.id(), 2, data);
  }

  private List<JsonObject> parked(long orderId) {
    return api.get("/consumers/admin/parked?consumer=analytics").jsonArray().stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("key").equals("" + orderId))
        .toList();
  }

  private static String header(
      org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static boolean tableExists(String table) throws Exception {
    try (var c = KeystoneStack.get().database();
        var s = c.prepareStatement("select to_regclass(?) is not null")) {
      s.setString(1, table);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static boolean cancelledInAnalytics(long orderId) throws Exception {
    try (var c = KeystoneStack.get().database();
        var s =
            c.prepareStatement(
                "select cancelled from consumers.analytics_orders where order_id = ?")) {
      s.setString(1, "" + orderId);
      try (var rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
