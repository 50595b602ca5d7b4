package dev.keystone.it.shop;

import static dev.keystone.it.shop.Shop.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/** The catalog's endpoints: paging, conditional changes, stock adjustments, and their errors. */
@KeystoneIT
class ProductApiIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void pagesAreInIdOrderFilteredByCategoryAndBounded() {
    var category = Shop.unique("cat");
    var ids = new long[5];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = shop.product("1.00", "EUR", 1, category);
    }
    shop.product("1.00", "EUR", 1, Shop.unique("other"));

    var first = shop.api.get("/api/products?category=" + category + "&page=0&size=2");
    var third = shop.api.get("/api/products?category=" + category + "&page=2&size=2");

    assertThat(first.status()).isEqualTo(200);
    assertThat(ids(first.json())).containsExactly(ids[0], ids[1]);
    assertThat(first.json().getInt("totalItems")).isEqualTo(5);
    assertThat(first.json().getInt("size")).isEqualTo(2);
    assertThat(ids(third.json())).containsExactly(ids[4]);
    var all = shop.api.get("/api/products?category=" + category + "&size=100");
    assertThat(ids(all.json())).containsExactly(ids);
    assertThat(shop.api.get("/api/products").status()).isEqualTo(200);
  }

  @Test
  void badQueryParametersAreBadRequestsNamingTheParameter() {
    assertThat(field(shop.api.get("/api/products?page=-1"))).isEqualTo("page");
    assertThat(field(shop.api.get("/api/products?page=abc"))).isEqualTo("page");
    assertThat(field(shop.api.get("/api/products?size=10000"))).isEqualTo("size");
    assertThat(field(shop.api.get("/api/products?size=101"))).isEqualTo("size");
    assertThat(field(shop.api.get("/api/products?size=0"))).isEqualTo("size");
    assertThat(field(shop.api.get("/api/products?category=" + "x".repeat(101))))
        .isEqualTo("category");
  }

  @Test
  void aChangeNeedsTheCurrentVersionInIfMatch() {
    long id = shop.product("10.00", 3);
    var path = "/api/products/" + id;
    var read = shop.api.get(path);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    var body =
        """
        {"name":"Renamed","price":12.50,"currency":"EUR","category":"tools"}
        """;

    assertProblem(shop.put(path, null, body), 428, null);

    var changed = shop.put(path, read.header("ETag"), body);
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.header("ETag")).isEqualTo("\"2\"");
    assertThat(changed.json().getString("name")).isEqualTo("Renamed");
    assertThat(changed.json().getInt("stock")).isEqualTo(3);

    // the reader that still holds version 1 loses, and nothing changes
    assertProblem(shop.put(path, "\"1\"", body.replace("Renamed", "Lost")), 412, "stale-version");
    assertProblem(shop.put(path, "\"nonsense\"", body), 412, null);
    var after = shop.api.get(path);
    assertThat(after.json().getString("name")).isEqualTo("Renamed");
    assertThat(after.header("ETag")).isEqualTo("\"2\"");
    assertThat(new BigDecimal(after.json().getJsonNumber("price").toString()))
        .isEqualByComparingTo("12.50");
  }

  @Test
  void aChangeIsValidatedAndNeedsAnExistingProduct() {
    long id = shop.product("10.00", 3);
    var invalid = shop.put("/api/products/" + id, "\"1\"", "{\"name\":\"\",\"price\":-1}");
    assertProblem(invalid, 400, "invalid-request");
    assertThat(
            invalid.json().getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("field")))
        .contains("name", "price", "currency");
    assertProblem(
        shop.put(
            "/api/products/999999999",
            "\"1\"",
            "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\"}"),
        404,
        "not-found");
    assertProblem(
        shop.put(
            "/api/products/" + id,
            "\"1\"",
            "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\",\"sku\":\"S\"}"),
        400,
        null);
  }

  @Test
  void stockAdjustsEitherWayButNeverBelowZero() throws Exception {
    long id = shop.product("1.00", 2);
    var path = "/api/products/" + id + "/stock-adjustments";

    var up = shop.api.post(path, "{\"delta\":5,\"reason\":\"delivery\"}");
    assertThat(up.status()).as(up.toString()).isEqualTo(200);
    assertThat(up.json().getInt("stock")).isEqualTo(7);
    assertThat(up.header("ETag")).isEqualTo("\"2\"");

    var down = shop.api.post(path, "{\"delta\":-7,\"reason\":\"breakage\"}");
    assertThat(down.json().getInt("stock")).isZero();

    var tooMuch = shop.api.post(path, "{\"delta\":-1,\"reason\":\"theft\"}");
    assertProblem(tooMuch, 409, "insufficient-stock");
    assertThat(tooMuch.json().getString("detail")).contains("Product " + id);
    assertThat(Shop.stock(id)).isZero();

    var zero = shop.api.post(path, "{\"delta\":0,\"reason\":\"\"}");
    assertProblem(zero, 400, "invalid-request");
    assertThat(
            zero.json().getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("field")))
        .containsExactly("delta", "reason");
    assertProblem(shop.api.post(path, "{\"delta\":\"many\",\"reason\":\"x\"}"), 400, null);
    assertProblem(shop.api.post(path, "delta=1", "text/plain"), 415, null);
    assertProblem(
        shop.api.post(
            "/api/products/999999999/stock-adjustments", "{\"delta\":1,\"reason\":\"x\"}"),
        404,
        "not-found");
  }

  @Test
  void aChangeEvictsTheCachedProduct() {
    long id = shop.product("10.00", 3);
    var path = "/api/products/" + id;
    shop.api.get(path);
    assertThat(shop.api.get(path).header("Cache-Status")).isEqualTo("keystone; hit");

    shop.api.post(path + "/stock-adjustments", "{\"delta\":1,\"reason\":\"count\"}");
    var afterStock = shop.api.get(path);
    assertThat(afterStock.json().getInt("stock")).isEqualTo(4);
    assertThat(afterStock.header("ETag")).isEqualTo("\"2\"");

    shop.put(path, "\"2\"", "{\"name\":\"New\",\"price\":1,\"currency\":\"EUR\"}");
    assertThat(shop.api.get(path).json().getString("name")).isEqualTo("New");
  }

  private static long[] ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .mapToLong(p -> p.asJsonObject().getJsonNumber("id").longValue())
        .toArray();
  }

  private static String field(dev.keystone.it.support.Api.Reply reply) {
    assertProblem(reply, 400, "invalid-request");
    return reply.json().getJsonArray("errors").getJsonObject(0).getString("field");
  }
}
