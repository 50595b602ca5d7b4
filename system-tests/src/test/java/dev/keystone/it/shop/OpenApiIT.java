package dev.keystone.it.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/** The MP OpenAPI document describes every endpoint of the shop, its errors and examples. */
@KeystoneIT
class OpenApiIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void theDocumentListsEveryPathWithItsErrors() {
    var reply =
        shop.api.send(
            shop.api
                .request("/openapi?format=JSON")
                .header("Accept", "application/json")
                .GET()
                .build());
    assertThat(reply.status()).isEqualTo(200);
    var paths = reply.json().getJsonObject("paths");
    assertThat(paths.keySet())
        .contains(
            "/api/products",
            "/api/products/{id}",
            "/api/products/{id}/stock-adjustments",
            "/api/customers",
            "/api/customers/{id}",
            "/api/orders",
            "/api/orders/{id}",
            "/api/orders/{id}/cancel");
    var put = paths.getJsonObject("/api/products/{id}").getJsonObject("put");
    assertThat(put.getJsonObject("responses").keySet()).contains("200", "412", "428");
    var place = paths.getJsonObject("/api/orders").getJsonObject("post");
    assertThat(place.getJsonObject("responses").keySet()).contains("201", "400", "409", "422");
    var components = reply.json().getJsonObject("components");
    assertThat(components.getJsonObject("schemas").keySet()).contains("Problem", "PlaceOrder");
    assertThat(components.getJsonObject("responses").keySet()).contains("Conflict", "BadRequest");
  }

  @Test
  void theUiResponds() {
    var reply = shop.api.get("/openapi/ui/");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).containsIgnoringCase("openapi");
  }
}
