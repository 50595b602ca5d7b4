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
 * The operators' side, over HTTPS: the Admin Center and its REST connector, and {@code /metrics},
 * open to the operator whose password the stack generated, closed (401) to anyone else, an API
 * admin's bearer token included.
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

  private static String password() {
    return KeystoneStack.get().environment().get("KEYSTONE_ADMIN_PASSWORD");
  }

  @Test
  void theOperatorLogsInToTheAdminCenterAndNobodyElse() throws Exception {
    var base = KeystoneStack.get().httpsBaseUrl();
    var refused = browserSession(base, "not-" + password());
    assertThat(refused.uri().getPath())
        .as("a wrong password ends on the login form, not in the console")
        .contains("login");
    var console = browserSession(base, password());
    assertThat(console.statusCode()).isEqualTo(200);
    assertThat(console.uri().getPath())
        .as("the operator's session opens the console")
        .startsWith("/adminCenter")
        .doesNotContain("login");
  }

  /**
   * What a browser does: open the console (redirected to the login form, which leaves the request
   * to return to in a cookie), post the form, then open the console again, following redirects; the
   * page it ends on.
   */
  private HttpResponse<String> browserSession(String base, String password) throws Exception {
    var cookies = new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL);
    var browser = Https.client(cookies);
    var console = URI.create(base + "/adminCenter/");
    var first = send(browser, HttpRequest.newBuilder(console).build());
    assertThat(first.statusCode()).as("anonymous: sent to the login form").isEqualTo(302);
    var loginPage = first.headers().firstValue("Location").orElseThrow();
    send(browser, HttpRequest.newBuilder(console.resolve(loginPage)).build());
    var form =
        "j_username="
            + java.net.URLEncoder.encode(operator(), StandardCharsets.UTF_8)
            + "&j_password="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    send(
        browser,
        HttpRequest.newBuilder(URI.create(base + "/adminCenter/j_security_check"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
    var following = Https.client(cookies, HttpClient.Redirect.NORMAL);
    return send(following, HttpRequest.newBuilder(console).build());
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
