package dev.keystone.it.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * A customer may place, read and cancel only their own orders, and read only their own customer
 * record; an admin may act for anyone. Every refusal is a 403 problem+json and changes nothing.
 */
@KeystoneIT
class OwnershipIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void customersActOnlyOnTheirOwnOrders() {
    long product = shop.product("3.00", 10);
    long alice = shop.customer();
    long bob = shop.customer();
    var asAlice = Api.as("customer", Long.toString(alice));
    var asBob = Api.as("customer", Long.toString(bob));
    var lines = "[{\"productId\":%d,\"quantity\":1}]".formatted(product);

    var placed =
        asAlice.post("/api/orders", "{\"customerId\":%d,\"lines\":%s}".formatted(alice, lines));
    assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
    long order = placed.json().getJsonNumber("id").longValue();

    var forSomeoneElse =
        asBob.post("/api/orders", "{\"customerId\":%d,\"lines\":%s}".formatted(alice, lines));
    Shop.assertProblem(forSomeoneElse, 403, null);

    assertThat(asAlice.get("/api/orders/" + order).status()).isEqualTo(200);
    Shop.assertProblem(asBob.get("/api/orders/" + order), 403, null);
    Shop.assertProblem(asBob.post("/api/orders/" + order + "/cancel", ""), 403, null);
    assertThat(shop.api.get("/api/orders/" + order).json().getString("status"))
        .as("bob's refused cancel changed nothing")
        .isEqualTo("PLACED");

    assertThat(asAlice.get("/api/customers/" + alice).status()).isEqualTo(200);
    Shop.assertProblem(asBob.get("/api/customers/" + alice), 403, null);

    assertThat(asAlice.post("/api/orders/" + order + "/cancel", "").status()).isEqualTo(200);
    assertThat(Api.keystone().get("/api/orders/" + order).status())
        .as("admin reads any order")
        .isEqualTo(200);
  }
}
