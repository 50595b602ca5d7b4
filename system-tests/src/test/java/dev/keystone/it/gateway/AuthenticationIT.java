package dev.keystone.it.gateway;

import static dev.keystone.it.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.devstack.JwtKeys;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a caller can be refused, on the real server: each is the right status with an
 * application/problem+json body, and a 401 carries an RFC 6750 challenge.
 */
@KeystoneIT
class AuthenticationIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private String productPath;

  @BeforeEach
  void aProduct() {
    var sku = "AUTH-" + UUID.randomUUID().toString().substring(0, 8);
    var created =
        Api.keystone()
            .post(
                "/api/products",
                """
                {"sku":"%s","name":"Auth","price":3,"currency":"EUR","stock":1}
                """
                    .formatted(sku));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    productPath = "/api/products/" + created.json().getJsonNumber("id").longValue();
  }

  private static KeystoneStack stack() {
    return KeystoneStack.get();
  }

  @Test
  void validTokensPassForTheirRoles() {
    assertThat(Api.keystone().get(productPath).status()).isEqualTo(200);
    var customer = Api.as("customer", "42").get(productPath);
    assertThat(customer.status()).as(customer.toString()).isEqualTo(200);
  }

  @Test
  void noTokenIs401WithABareChallenge() {
    var reply = Api.anonymous().get(productPath);
    assertProblem(reply, 401, "unauthenticated");
    assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"keystone\"");
  }

  @Test
  void anotherSchemeIs401() {
    var request =
        Api.anonymous().request(productPath).header("Authorization", "Basic b3BlcmF0b3I6eA==");
    assertProblem(Api.anonymous().send(request.GET().build()), 401, "unauthenticated");
  }

  @Test
  void aForeignSignatureIs401() {
    var forged =
        stack().tokens().token("admin", "mallory").signedWith(JwtKeys.randomPair().getPrivate());
    var reply = Api.withToken(forged.sign()).get(productPath);
    assertProblem(reply, 401, "unauthenticated");
    assertThat(reply.json().getString("detail")).contains("signature");
    assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void anExpiredTokenIs401() {
    var expired =
        stack()
            .tokens()
            .token("admin", "alice")
            .issued(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    var reply = Api.withToken(expired.sign()).get(productPath);
    assertProblem(reply, 401, "unauthenticated");
    assertThat(reply.json().getString("detail")).contains("expired");
  }

  @Test
  void aWrongIssuerIs401() {
    var token = stack().tokens().token("admin", "alice").issuer("https://evil.example");
    var reply = Api.withToken(token.sign()).get(productPath);
    assertProblem(reply, 401, "unauthenticated");
    assertThat(reply.json().getString("detail")).contains("issuer");
  }

  @Test
  void aWrongAudienceIs401() {
    var token = stack().tokens().token("admin", "alice").audience("another-api");
    var reply = Api.withToken(token.sign()).get(productPath);
    assertProblem(reply, 401, "unauthenticated");
    assertThat(reply.json().getString("detail")).contains("audience");
  }

  @Test
  void anUnsignedAlgNoneTokenIs401() {
    var token = stack().tokens().token("admin", "alice").unsigned();
    var reply = Api.withToken(token.sign()).post("/api/products", "{}");
    assertProblem(reply, 401, "unauthenticated");
    assertThat(reply.json().getString("detail")).contains("algorithm");
  }

  @Test
  void garbageIs401() {
    assertProblem(Api.withToken("not-a-jwt").get(productPath), 401, "unauthenticated");
  }

  @Test
  void aCustomerMayNotChangeTheCatalog() {
    var reply =
        Api.as("customer", "42")
            .post(
                "/api/products",
                """
                {"sku":"NOPE-1","name":"Nope","price":1,"currency":"EUR","stock":1}
                """);
    assertProblem(reply, 403, "forbidden");
    assertThat(reply.header("WWW-Authenticate")).isNull();
  }

  @Test
  void aTokenWithoutAKnownRoleIs403() {
    assertProblem(Api.as("auditor", "eve").get(productPath), 403, "forbidden");
  }

  @Test
  void healthAndOpenApiStayPublic() {
    assertThat(Api.anonymous().get("/health/live").status()).isEqualTo(200);
    assertThat(Api.anonymous().get("/openapi").status()).isEqualTo(200);
  }
}
