package dev.keystone.it.shop;

import static dev.keystone.it.shop.Shop.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import java.math.BigDecimal;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/** Placing, reading and cancelling orders: the rules and the HTTP contract. */
@KeystoneIT
class OrderApiIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void placingReservesStockPricesTheLinesAndComputesTheTotal() throws Exception {
    long customer = shop.customer();
    long anvil = shop.product("19.99", 5);
    long rope = shop.product("0.10", 100);

    var placed =
        shop.order(
            customer,
            "[{\"productId\":%d,\"quantity\":2},{\"productId\":%d,\"quantity\":3}]"
                .formatted(anvil, rope));

    assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
    var order = placed.json();
    long id = order.getJsonNumber("id").longValue();
    assertThat(placed.header("Location")).endsWith("/api/orders/" + id);
    assertThat(placed.header("ETag")).isEqualTo("\"1\"");
    assertThat(order.getString("status")).isEqualTo("PLACED");
    assertThat(order.getJsonNumber("customerId").longValue()).isEqualTo(customer);
    assertThat(order.getString("currency")).isEqualTo("EUR");
    assertThat(new BigDecimal(order.getJsonNumber("total").toString()))
        .isEqualByComparingTo("40.28");
    var firstLine = order.getJsonArray("lines").getJsonObject(0);
    assertThat(firstLine.getJsonNumber("productId").longValue()).isEqualTo(anvil);
    assertThat(new BigDecimal(firstLine.getJsonNumber("unitPrice").toString()))
        .isEqualByComparingTo("19.99");
    assertThat(Shop.stock(anvil)).isEqualTo(3);
    assertThat(Shop.stock(rope)).isEqualTo(97);
  }

  @Test
  void anOrderIsACachedReadThatLaterPriceChangesNeverAlter() {
    long customer = shop.customer();
    long anvil = shop.product("10.00", 5);
    var placed = shop.order(customer, "[{\"productId\":%d,\"quantity\":1}]".formatted(anvil));
    var path = "/api/orders/" + placed.json().getJsonNumber("id").longValue();

    var miss = shop.api.get(path);
    assertThat(miss.status()).isEqualTo(200);
    assertThat(miss.header("Cache-Status")).startsWith("keystone; fwd=miss");
    assertThat(miss.header("ETag")).isEqualTo("\"1\"");
    var hit = shop.api.get(path);
    assertThat(hit.header("Cache-Status")).isEqualTo("keystone; hit");
    assertThat(hit.json()).isEqualTo(miss.json());

    var etag = shop.api.get("/api/products/" + anvil).header("ETag");
    var changed =
        shop.put(
            "/api/products/" + anvil,
            etag,
            "{\"name\":\"Dear\",\"price\":99,\"currency\":\"EUR\"}");
    assertThat(changed.status()).isEqualTo(200);

    shop.api.post(path + "/cancel", ""); // evicts; the next read comes from PostgreSQL
    var reread = shop.api.get(path).json();
    assertThat(reread.getString("status")).isEqualTo("CANCELLED");
    assertThat(new BigDecimal(reread.getJsonNumber("total").toString()))
        .isEqualByComparingTo("10.00");
    assertThat(
            new BigDecimal(
                reread
                    .getJsonArray("lines")
                    .getJsonObject(0)
                    .getJsonNumber("unitPrice")
                    .toString()))
        .isEqualByComparingTo("10.00");
  }

  @Test
  void cancellingReturnsTheStockOnceAndOnlyOnce() throws Exception {
    long customer = shop.customer();
    long anvil = shop.product("10.00", 5);
    var placed = shop.order(customer, "[{\"productId\":%d,\"quantity\":4}]".formatted(anvil));
    long id = placed.json().getJsonNumber("id").longValue();
    assertThat(Shop.stock(anvil)).isEqualTo(1);

    var cancelled = shop.api.post("/api/orders/" + id + "/cancel", "");
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.json().getString("cancelledAt")).isNotBlank();
    assertThat(cancelled.header("ETag")).isEqualTo("\"2\"");
    assertThat(Shop.stock(anvil)).isEqualTo(5);

    assertProblem(shop.api.post("/api/orders/" + id + "/cancel", ""), 409, "order-not-cancellable");
    assertThat(Shop.stock(anvil)).isEqualTo(5);
    assertProblem(shop.api.post("/api/orders/999999999/cancel", ""), 404, "not-found");
    assertProblem(shop.api.get("/api/orders/999999999"), 404, "not-found");
  }

  @Test
  void insufficientStockOnOneLineReservesNothingAndNamesTheProduct() throws Exception {
    long customer = shop.customer();
    long plenty = shop.product("1.00", 10);
    long scarce = shop.product("1.00", 1);
    long orders = Shop.single("select count(*) from orders");

    var refused =
        shop.order(
            customer,
            "[{\"productId\":%d,\"quantity\":3},{\"productId\":%d,\"quantity\":2}]"
                .formatted(plenty, scarce));

    assertProblem(refused, 409, "insufficient-stock");
    assertThat(refused.json().getString("detail")).contains("Product " + scarce);
    assertThat(Shop.stock(plenty)).isEqualTo(10);
    assertThat(Shop.stock(scarce)).isEqualTo(1);
    assertThat(Shop.single("select count(*) from orders")).isEqualTo(orders);
  }

  @Test
  void ordersThatCannotBeCarriedOutAreUnprocessable() throws Exception {
    long customer = shop.customer();
    long euro = shop.product("1.00", "EUR", 5, "misc");
    long dollar = shop.product("1.00", "USD", 5, "misc");

    assertProblem(
        shop.order(
            customer,
            "[{\"productId\":%d,\"quantity\":1},{\"productId\":%d,\"quantity\":1}]"
                .formatted(euro, dollar)),
        422,
        "mixed-currencies");
    assertProblem(
        shop.order(customer, "[{\"productId\":999999999,\"quantity\":1}]"), 422, "unknown-product");
    assertProblem(
        shop.order(999999999, "[{\"productId\":%d,\"quantity\":1}]".formatted(euro)),
        422,
        "unknown-customer");
    assertProblem(
        shop.order(
            customer,
            "[{\"productId\":%d,\"quantity\":1},{\"productId\":%d,\"quantity\":2}]"
                .formatted(euro, euro)),
        422,
        "duplicate-line");
    assertThat(Shop.stock(euro)).isEqualTo(5);
    assertThat(Shop.stock(dollar)).isEqualTo(5);
  }

  @Test
  void badInputIsAProblemNamingEachField() {
    var invalid =
        shop.api.post(
            "/api/orders",
            "{\"customerId\":0,\"lines\":[{\"productId\":1,\"quantity\":1},"
                + "{\"productId\":-1,\"quantity\":0}]}");
    assertProblem(invalid, 400, "invalid-request");
    assertThat(
            invalid.json().getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("field")))
        .containsExactly("customerId", "lines[1].productId", "lines[1].quantity");

    assertProblem(shop.api.post("/api/orders", "{\"customerId\":1,\"lines\":[]}"), 400, null);
    assertProblem(shop.api.post("/api/orders", "{\"customerId\":1}"), 400, null);
    assertProblem(shop.api.post("/api/orders", "{\"customerId\":1,\"lines\":[null]}"), 400, null);
    assertProblem(shop.api.post("/api/orders", "{\"customerId\":\"me\",\"lines\":[]}"), 400, null);
    assertProblem(
        shop.api.post("/api/orders", "{\"customerId\":1,\"lines\":[],\"x\":1}"), 400, null);
    assertProblem(shop.api.post("/api/orders", "{{"), 400, null);
    assertProblem(shop.api.post("/api/orders", "customerId=1", "text/plain"), 415, null);
  }
}
