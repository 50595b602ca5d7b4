package dev.keystone.it.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.devstack.JwtKeys;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The consumers' API ({@code /consumers/*}: analytics, audit, parked-message admin and replay,
 * dedup pruning) is for administrators, with the same bearer tokens as {@code /api}: 401 without a
 * valid token, 403 for a customer, each as problem+json; health stays public. The consumers-only
 * server is checked in {@link ConsumerServersIT}.
 */
@KeystoneIT
class ConsumersAccessIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  static final List<String> READS =
      List.of(
          "/consumers/analytics/top-products",
          "/consumers/analytics/daily-sales",
          "/consumers/audit?aggregateType=order&aggregateId=1",
          "/consumers/admin/parked?consumer=analytics");

  @Test
  void anAdminTokenOpensEveryConsumersRoute() {
    var admin = Api.keystone();
    for (var path : READS) {
      var reply = admin.get(path);
      assertThat(reply.status()).as(path + " → " + reply).isEqualTo(200);
    }
    var prune = admin.post("/consumers/admin/dedup/prune", "");
    assertThat(prune.status()).as(prune.toString()).isEqualTo(200);
  }

  @Test
  void withoutATokenEveryConsumersRouteIs401() {
    for (var path : READS) {
      var reply = Api.anonymous().get(path);
      assertUnauthenticated(reply, path);
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"keystone\"");
    }
    assertUnauthenticated(
        Api.anonymous().post("/consumers/admin/parked/analytics/k/replay", ""), "replay");
    assertUnauthenticated(Api.anonymous().post("/consumers/admin/dedup/prune", ""), "prune");
  }

  @Test
  void aBadTokenIs401() {
    var tokens = KeystoneStack.get().tokens();
    var forged = tokens.token("admin", "mallory").signedWith(JwtKeys.randomPair().getPrivate());
    var expired =
        tokens
            .token("admin", "it-admin")
            .issued(Instant.now().minusSeconds(7200), Duration.ofHours(1));
    var otherIssuer = tokens.token("admin", "it-admin").issuer("https://elsewhere.example");
    var otherAudience = tokens.token("admin", "it-admin").audience("another-api");
    var unsigned = tokens.token("admin", "it-admin").unsigned();
    for (var token : List.of(forged, expired, otherIssuer, otherAudience, unsigned)) {
      var reply = Api.withToken(token.sign()).get(READS.get(0));
      assertUnauthenticated(reply, token.sign());
      assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }
    assertUnauthenticated(Api.withToken("not-a-jwt").get(READS.get(1)), "garbage");
    var basic =
        Api.anonymous().request(READS.get(2)).header("Authorization", "Basic b3BlcmF0b3I6eA==");
    assertUnauthenticated(Api.anonymous().send(basic.GET().build()), "basic");
  }

  @Test
  void aCustomerTokenIs403() {
    var customer = Api.as("customer", "42");
    for (var path : READS) {
      assertForbidden(customer.get(path), path);
    }
    assertForbidden(customer.post("/consumers/admin/parked/analytics/k/replay", ""), "replay");
    assertForbidden(
        customer.send(customer.request("/consumers/admin/parked/analytics/k").DELETE().build()),
        "discard");
    assertForbidden(customer.post("/consumers/admin/dedup/prune", ""), "prune");
  }

  @Test
  void healthStaysPublic() {
    var reply = Api.anonymous().get("/health/live");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
  }

  static void assertUnauthenticated(Api.Reply reply, String what) {
    assertProblem(reply, 401, "unauthenticated", what);
  }

  static void assertForbidden(Api.Reply reply, String what) {
    assertProblem(reply, 403, "forbidden", what);
  }

  private static void assertProblem(Api.Reply reply, int status, String slug, String what) {
    assertThat(reply.status()).as(what + " → " + reply).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().getInt("status")).isEqualTo(status);
    assertThat(reply.json().getString("type")).endsWith("/" + slug);
  }
}
