package dev.keystone.it.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Every state change of the shop reaches Kafka through the outbox, keyed by aggregate id, in order,
 * each event carrying the aggregate version after its change.
 */
@KeystoneIT
class ShopEventsIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void placingAndCancellingPublishOrderAndStockEventsInVersionOrder() {
    long customer = shop.customer();
    long product = shop.product("4.50", 10);
    var placed = shop.order(customer, "[{\"productId\":%d,\"quantity\":3}]".formatted(product));
    long order = placed.json().getJsonNumber("id").longValue();
    assertThat(shop.api.post("/api/orders/" + order + "/cancel", "").status()).isEqualTo(200);
    var etag = shop.api.get("/api/products/" + product).header("ETag");
    shop.put("/api/products/" + product, etag, "{\"name\":\"N\",\"price\":5,\"currency\":\"EUR\"}");

    var orderEvents = read("keystone.order", order, 2);
    assertThat(types(orderEvents))
        .containsExactly("dev.keystone.order.placed", "dev.keystone.order.cancelled");
    assertThat(versions(orderEvents)).containsExactly(1L, 2L);
    var placedData = orderEvents.get(0).getJsonObject("data");
    assertThat(placedData.getJsonNumber("customerId").longValue()).isEqualTo(customer);
    assertThat(placedData.getJsonArray("lines").getJsonObject(0).getInt("quantity")).isEqualTo(3);
    assertThat(placedData.getJsonNumber("total").bigDecimalValue()).isEqualByComparingTo("13.50");

    var productEvents = read("keystone.product", product, 4);
    assertThat(types(productEvents))
        .containsExactly(
            "dev.keystone.product.created",
            "dev.keystone.product.stock-adjusted",
            "dev.keystone.product.stock-adjusted",
            "dev.keystone.product.changed");
    assertThat(versions(productEvents)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(productEvents.get(1).getJsonObject("data").getInt("delta")).isEqualTo(-3);
    assertThat(productEvents.get(1).getJsonObject("data").getInt("stock")).isEqualTo(7);
    assertThat(productEvents.get(2).getJsonObject("data").getInt("delta")).isEqualTo(3);
    assertThat(productEvents.get(2).getJsonObject("data").getInt("stock")).isEqualTo(10);

    var customerEvents = read("keystone.customer", customer, 1);
    assertThat(types(customerEvents)).containsExactly("dev.keystone.customer.registered");
  }

  @Test
  void aRefusedOrderPublishesNothing() {
    long customer = shop.customer();
    long product = shop.product("1.00", 1);
    assertThat(
            shop.order(customer, "[{\"productId\":%d,\"quantity\":2}]".formatted(product)).status())
        .isEqualTo(409);
    shop.api.post(
        "/api/products/" + product + "/stock-adjustments", "{\"delta\":1,\"reason\":\"count\"}");

    // the adjustment after the refusal is version 2: the refused reservation left no event
    var productEvents = read("keystone.product", product, 2);
    assertThat(versions(productEvents)).containsExactly(1L, 2L);
    assertThat(productEvents.get(1).getJsonObject("data").getString("reason")).isEqualTo("count");
  }

  private static List<JsonObject> read(String topic, long key, int expected) {
    return Topics.read(
            topic, r -> Long.toString(key).equals(r.key()), expected, Duration.ofSeconds(30))
        .stream()
        .map(ConsumerRecord::value)
        .map(v -> Json.createReader(new StringReader(v)).readObject())
        .toList();
  }

  private static List<String> types(List<JsonObject> events) {
    return events.stream().map(e -> e.getString("type")).toList();
  }

  private static List<Long> versions(List<JsonObject> events) {
    return events.stream().map(e -> e.getJsonNumber("aggregateversion").longValue()).toList();
  }
}
