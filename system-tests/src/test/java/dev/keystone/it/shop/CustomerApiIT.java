package dev.keystone.it.shop;

import static dev.keystone.it.shop.Shop.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/** Registering and reading customers, and every way to get it wrong. */
@KeystoneIT
class CustomerApiIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void aRegisteredCustomerCanBeReadAtItsLocation() {
    var email = Shop.unique("Grace") + "@Example.org";
    var created =
        shop.api.post(
            "/api/customers", "{\"name\":\"Grace Hopper\",\"email\":\"%s\"}".formatted(email));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id = created.json().getJsonNumber("id").longValue();
    assertThat(created.header("Location")).endsWith("/api/customers/" + id);
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    assertThat(created.json().getString("email")).isEqualTo(email.toLowerCase());

    var read = shop.api.get("/api/customers/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("ETag")).isEqualTo("\"1\"");
    assertThat(read.json()).isEqualTo(created.json());
  }

  @Test
  void anEmailIsRegisteredOnceWhateverItsCase() throws Exception {
    var email = Shop.unique("twice") + "@example.org";
    assertThat(
            shop.api
                .post("/api/customers", "{\"name\":\"A\",\"email\":\"%s\"}".formatted(email))
                .status())
        .isEqualTo(201);
    long rows = Shop.single("select count(*) from customers");

    var again =
        shop.api.post(
            "/api/customers", "{\"name\":\"B\",\"email\":\"%s\"}".formatted(email.toUpperCase()));

    assertProblem(again, 409, "duplicate-email");
    assertThat(Shop.single("select count(*) from customers")).isEqualTo(rows);
  }

  @Test
  void badInputIsAProblemNeverAServerError() {
    var invalid = shop.api.post("/api/customers", "{\"name\":\" \",\"email\":\"not-an-address\"}");
    assertProblem(invalid, 400, "invalid-request");
    assertThat(
            invalid.json().getJsonArray("errors").stream()
                .map(e -> e.asJsonObject().getString("field")))
        .containsExactly("email", "name");
    assertProblem(shop.api.post("/api/customers", "{\"name\":"), 400, null);
    assertProblem(
        shop.api.post("/api/customers", "{\"name\":\"A\",\"email\":\"a@b.c\",\"vip\":true}"),
        400,
        null);
    assertProblem(shop.api.post("/api/customers", "{\"name\":[],\"email\":\"a@b.c\"}"), 400, null);
    assertProblem(shop.api.post("/api/customers", "name=A", "application/xml"), 415, null);
    assertProblem(shop.api.get("/api/customers/999999999"), 404, "not-found");
  }
}
