package dev.keystone.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.Https;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The operators' side, over HTTPS: the Admin Center's REST connector and {@code /metrics} answer
 * the operator whose password the stack generated (administrator-role, basic authentication) and
 * refuse anyone else, an API admin's bearer token included; the console itself sends anyone without
 * a session to its login form, logs the operator in through that form (session and CSRF cookies),
 * and refuses a logged-in user who is not an operator.
 */
@KeystoneIT
class OperatorIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final HttpClient https = Https.client();

  private static String operator() {
    return KeystoneStack.get().environment().getOrDefault("KEYSTONE_ADMIN_USER", "operator");
  }

  /** A user of the operators' registry without the administrator role (the harness adds it). */
  private static final String VISITOR = "it-visitor";

  private static String visitorPassword() {
    return KeystoneStack.get().environment().get("KEYSTONE_IT_VISITOR_PASSWORD");
  }

  private static String password() {
    return KeystoneStack.get().environment().get("KEYSTONE_ADMIN_PASSWORD");
  }

  @Test
  void theAdminCenterSendsAnyoneWithoutASessionToItsLoginForm() throws Exception {
    var base = KeystoneStack.get().httpsBaseUrl();
    var console = URI.create(base + "/adminCenter/");
    var first = send(HttpRequest.newBuilder(console).build());
    assertThat(first.statusCode()).isEqualTo(302);
    var loginPage = first.headers().firstValue("Location").orElseThrow();
    assertThat(loginPage).contains("login");
    assertThat(send(HttpRequest.newBuilder(console.resolve(loginPage)).build()).statusCode())
        .isEqualTo(200);
    var apiAdmin = "Bearer " + KeystoneStack.get().tokens().mint("admin", Api.ADMIN_SUBJECT);
    assertThat(
            send(HttpRequest.newBuilder(console).header("Authorization", apiAdmin).build())
                .statusCode())
        .as("an API token opens no console")
        .isEqualTo(302);
  }

  @Test
  void theOperatorLogsInToTheAdminCenterThroughItsForm() {
    var session = new AdminCenterSession(KeystoneStack.get().httpsBaseUrl());
    assertThat(session.openLoginPage().statusCode()).isEqualTo(200);
    var posted = session.submit(operator(), password(), true);
    assertThat(posted.statusCode()).as(posted.headers().map().toString()).isEqualTo(302);
    assertThat(posted.headers().firstValue("Location").orElseThrow())
        .endsWith("/adminCenter/")
        .doesNotContain("login-error");
    var console = session.openConsole();
    assertThat(console.statusCode()).as("the console itself, logged in").isEqualTo(200);
    assertThat(console.body()).contains("toolbox");
  }

  @Test
  void theAdminCenterRefusesEveryoneElse() {
    var base = KeystoneStack.get().httpsBaseUrl();
    var visitor = new AdminCenterSession(base);
    visitor.openLoginPage();
    var authenticated = visitor.submit(VISITOR, visitorPassword(), true);
    assertThat(authenticated.headers().firstValue("Location").orElseThrow())
        .as("a known user who is not an operator logs in")
        .doesNotContain("login-error");
    assertThat(visitor.openConsole().statusCode())
        .as("but the console refuses a user without the administrator role")
        .isEqualTo(403);

    var guesser = new AdminCenterSession(base);
    guesser.openLoginPage();
    assertThat(guesser.submit(operator(), "wrong", true).headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("login-error"));
    assertThat(guesser.openConsole().statusCode()).as("back to the login form").isEqualTo(302);

    var forged = new AdminCenterSession(base);
    forged.openLoginPage();
    assertThat(forged.submit(operator(), password(), false).statusCode())
        .as("the operator's own password without the form's CSRF token")
        .isEqualTo(403);
    assertThat(forged.openConsole().statusCode()).isEqualTo(302);
  }

  @Test
  void theRestConnectorAndMetricsAnswerOnlyTheOperator() throws Exception {
    for (var path : new String[] {"/IBMJMXConnectorREST/mbeanCount", "/metrics"}) {
      var url = URI.create(KeystoneStack.get().httpsBaseUrl() + path);
      assertThat(
              send(HttpRequest.newBuilder(url).header("Authorization", basic(password())).build())
                  .statusCode())
          .as(path + " as the operator")
          .isEqualTo(200);
      assertThat(send(HttpRequest.newBuilder(url).build()).statusCode())
          .as(path + " anonymous")
          .isIn(401, 403);
      assertThat(
              send(HttpRequest.newBuilder(url).header("Authorization", basic("wrong")).build())
                  .statusCode())
          .as(path + " with a wrong password")
          .isIn(401, 403);
      var apiAdmin = "Bearer " + KeystoneStack.get().tokens().mint("admin", Api.ADMIN_SUBJECT);
      assertThat(
              send(HttpRequest.newBuilder(url).header("Authorization", apiAdmin).build())
                  .statusCode())
          .as(path + " with an API admin token")
          .isIn(401, 403);
    }
  }

  /**
   * Over plain HTTP the operator surfaces never answer: the console and the REST connector send the
   * client to HTTPS (or refuse), so an operator's password or session never crosses the wire in
   * clear. Redirects are not followed: the first answer is what a sniffer would see.
   */
  @Test
  void theOperatorSurfacesAnswerOnlyOverHttps() throws Exception {
    var plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    var http = KeystoneStack.get().baseUrl();
    for (var path :
        new String[] {
          "/adminCenter/", "/adminCenter/login.jsp", "/IBMJMXConnectorREST/mbeanCount"
        }) {
      var reply =
          send(
              plain,
              HttpRequest.newBuilder(URI.create(http + path))
                  .header("Authorization", basic(password()))
                  .build());
      assertThat(reply.statusCode()).as(path + " over HTTP").isNotEqualTo(200);
      assertThat(reply.body()).as(path + " over HTTP").doesNotContain("mbeanCount", "<form");
      if (reply.statusCode() / 100 == 3) {
        assertThat(reply.headers().firstValue("Location"))
            .as(path + " redirect")
            .hasValueSatisfying(l -> assertThat(l).startsWith("https://"));
      } else {
        assertThat(reply.statusCode()).as(path + " over HTTP").isBetween(400, 499);
      }
    }
    var login =
        send(
            plain,
            HttpRequest.newBuilder(URI.create(http + "/adminCenter/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "j_username="
                            + java.net.URLEncoder.encode(operator(), StandardCharsets.UTF_8)
                            + "&j_password="
                            + java.net.URLEncoder.encode(password(), StandardCharsets.UTF_8)))
                .build());
    assertThat(login.statusCode()).as("a login posted over HTTP").isNotEqualTo(200);
    assertThat(login.headers().allValues("Set-Cookie"))
        .as("a login posted over HTTP opens no session")
        .noneMatch(c -> c.startsWith("LtpaToken2="));
  }

  private static String basic(String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((operator() + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return send(https, request);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request)
      throws Exception {
    var timed =
        HttpRequest.newBuilder(request, (n, v) -> true).timeout(Duration.ofSeconds(30)).build();
    return client.send(timed, HttpResponse.BodyHandlers.ofString());
  }
}
