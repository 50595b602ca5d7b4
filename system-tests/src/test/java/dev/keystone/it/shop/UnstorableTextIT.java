package dev.keystone.it.shop;

import static dev.keystone.it.shop.Shop.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text PostgreSQL cannot store (NUL) or that displays as something else (control characters,
 * bidirectional overrides, unpaired surrogates) is refused at the edge with a 400 naming the field
 * or parameter, on both WARs, and nothing is written: before this, a NUL reached PostgreSQL and
 * came back as a 500.
 */
@KeystoneIT
class UnstorableTextIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  /** JSON escapes of the refused characters, as a client would send them. */
  @ParameterizedTest
  @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001b[31m", "\\u202e", "\\ud800", "\\u0085"})
  void aBodyFieldWithUnstorableTextIsA400NamingItAndWritesNothing(String escape) throws Exception {
    long products = Shop.single("select count(*) from products");
    long customers = Shop.single("select count(*) from customers");
    long outbox = Shop.single("select count(*) from outbox");

    var product =
        shop.api.post(
            "/api/products",
            """
            {"sku":"%s","name":"bad%sname","price":1,"currency":"EUR","stock":1}
            """
                .formatted(Shop.unique("NUL"), escape));
    assertProblem(product, 400, "invalid-request");
    assertThat(fields(product.json())).containsExactly("name");

    var customer =
        shop.api.post(
            "/api/customers",
            "{\"name\":\"Eve%s\",\"email\":\"%s@example.org\"}"
                .formatted(escape, Shop.unique("eve")));
    assertProblem(customer, 400, "invalid-request");
    assertThat(fields(customer.json())).containsExactly("name");

    long id = shop.product("2.00", "EUR", 3, "tools");
    var stock =
        shop.api.post(
            "/api/products/" + id + "/stock-adjustments",
            "{\"delta\":1,\"reason\":\"restock%s\"}".formatted(escape));
    assertProblem(stock, 400, "invalid-request");
    assertThat(fields(stock.json())).containsExactly("reason");

    assertThat(Shop.single("select count(*) from products")).isEqualTo(products + 1);
    assertThat(Shop.single("select count(*) from customers")).isEqualTo(customers);
    assertThat(Shop.single("select stock from products where id = " + id)).isEqualTo(3);
    // the one product created above wrote its one event; the refusals wrote none
    assertThat(Shop.single("select count(*) from outbox")).isEqualTo(outbox + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%00", "%07", "%E2%80%AE", "%C2%85"})
  void aQueryParameterWithUnstorableTextIsA400NamingItOnBothWars(String encoded) {
    var products = shop.api.get("/api/products?category=tools" + encoded);
    assertProblem(products, 400, "invalid-request");
    assertThat(fields(products.json())).containsExactly("category");

    var audit = shop.api.get("/consumers/audit?aggregateType=product&aggregateId=1" + encoded);
    assertProblem(audit, 400, "invalid-request");
    assertThat(fields(audit.json())).containsExactly("aggregateId");

    var sales = shop.api.get("/consumers/analytics/daily-sales?productId=" + encoded);
    assertProblem(sales, 400, "invalid-request");
    assertThat(fields(sales.json())).containsExactly("productId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/consumers/no-such-thing", "/consumers/audit/deeper/still"})
  void theConsumersWarAnswersItsOwnRefusalsAsProblems(String path) {
    Api.Reply reply = shop.api.get(path);
    assertProblem(reply, 404, null);
  }

  private static java.util.List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream()
        .map(e -> e.asJsonObject().getString("field"))
        .toList();
  }
}
