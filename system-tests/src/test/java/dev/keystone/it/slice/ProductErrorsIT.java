package dev.keystone.it.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.sql.SQLException;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx problem+json, never a 500, and never changes the database. */
@KeystoneIT
class ProductErrorsIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void aDuplicateSkuIsAConflict() throws SQLException {
    var body =
        """
        {"sku":"%s","name":"Twice","price":5,"currency":"EUR","stock":1}
        """
            .formatted("DUP-" + UUID.randomUUID().toString().substring(0, 8));
    assertThat(api.post("/api/products", body).status()).isEqualTo(201);
    long rows = productCount();

    var second = api.post("/api/products", body);

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.header("Content-Type")).startsWith("application/problem+json");
    assertThat(second.json().getString("type")).endsWith("/duplicate-sku");
    assertThat(second.json().getInt("status")).isEqualTo(409);
    assertThat(productCount()).isEqualTo(rows);
  }

  @Test
  void anInvalidBodyNamesEachInvalidField() throws SQLException {
    long rows = productCount();

    var reply =
        api.post(
            "/api/products",
            """
            {"sku":"","name":"x","price":-1,"currency":"euro","stock":-5}
            """);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    var fields =
        reply.json().getJsonArray("errors").stream()
            .map(e -> e.asJsonObject().getString("field"))
            .distinct()
            .toList();
    assertThat(fields).containsExactlyInAnyOrder("sku", "price", "currency", "stock");
    assertThat(productCount()).isEqualTo(rows);
  }

  @Test
  void malformedJsonUnknownFieldsAndWrongTypesAreBadRequests() {
    for (var body :
        new String[] {
          "{\"sku\":",
          "{\"sku\":\"A1\",\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1,\"x\":1}",
          "{\"sku\":\"A1\",\"name\":\"n\",\"price\":\"cheap\",\"currency\":\"EUR\",\"stock\":1}",
          "[]",
          "null"
        }) {
      var reply = api.post("/api/products", body);
      assertThat(reply.status()).as(body + " → " + reply).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  @Test
  void theWrongContentTypeIsUnsupported() {
    var reply = api.post("/api/products", "sku=A1", "application/x-www-form-urlencoded");
    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void anUnknownProductIsNotFound() {
    var reply = api.get("/api/products/999999999");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.get("/api/products/not-a-number").status()).isEqualTo(404);
  }

  private static long productCount() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var rs = c.createStatement().executeQuery("select count(*) from products")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
