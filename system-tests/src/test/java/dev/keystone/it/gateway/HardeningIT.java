package dev.keystone.it.gateway;

import static dev.keystone.it.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.Https;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Security headers (on /api and on every other endpoint of the server: health, OpenAPI, Admin
 * Center, metrics, the container's 404), the body size cap, CORS off, and TLS with HSTS on the
 * HTTPS port.
 */
@KeystoneIT
class HardeningIT {
  private static final int CAP = 262_144;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    var ok = api.get("/api/products/" + product());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(ok.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(ok.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(ok.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(ok.header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();

    assertProblem(api.get("/api/products/999999999"), 404, "not-found");
  }

  @Test
  void everyEndpointOfTheServerCarriesTheSecurityHeadersNotOnlyTheApi() throws Exception {
    var anonymous = Api.anonymous();
    var samples = new LinkedHashMap<String, HttpResponse<String>>();
    for (var path :
        List.of(
            "/health",
            "/health/ready",
            "/openapi",
            "/openapi/ui/",
            "/no-such-path",
            "/consumers/no-such-path",
            "/api/no-such-route")) {
      samples.put(path, anonymous.get(path).response());
    }
    var https = Https.client();
    for (var path : List.of("/adminCenter/", "/metrics", "/IBMJMXConnectorREST/mbeanCount")) {
      var url = URI.create(KeystoneStack.get().httpsBaseUrl() + path);
      samples.put(
          "https " + path,
          https.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(samples.get("/no-such-path").statusCode()).isEqualTo(404);
    assertThat(samples.get("https /metrics").statusCode()).isIn(401, 403);
    samples.forEach(
        (path, reply) -> {
          var headers = reply.headers();
          assertThat(headers.firstValue("X-Content-Type-Options"))
              .as(path + " " + headers.map())
              .hasValue("nosniff");
          assertThat(headers.firstValue("X-Frame-Options").orElse(null))
              .as(path + ": never framed by another site")
              .isIn("DENY", "SAMEORIGIN");
          assertThat(headers.firstValue("Referrer-Policy").orElse(null))
              .as(path + ": no referrer to other sites")
              .isIn("no-referrer", "same-origin");
          assertThat(headers.firstValue("Content-Security-Policy")).as(path).isPresent();
          assertThat(headers.map().keySet())
              .as(path + ": no internal markers of the runtime")
              .noneMatch(name -> name.startsWith("$") || name.contains("Exception"));
        });
    assertThat(samples.get("/health").headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors"));
  }

  @Test
  void aBodyOverTheCapIs413WhetherDeclaredOrStreamed() {
    var big = "{\"name\":\"" + "x".repeat(CAP) + "\"}";
    assertProblem(api.post("/api/products", big), 413, "payload-too-large");

    var chunked =
        api.request("/api/products")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(big.getBytes())))
            .build();
    assertProblem(api.send(chunked), 413, "payload-too-large");
  }

  @Test
  void corsIsOffUnlessConfigured() {
    var preflight =
        api.send(
            api.request("/api/products")
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    var get =
        api.send(
            api.request("/api/products/" + product())
                .header("Origin", "https://elsewhere.example")
                .GET()
                .build());
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void theHttpsPortServesTheApiWithHsts() throws Exception {
    var url = KeystoneStack.get().httpsBaseUrl() + "/api/products/" + product();
    var token = KeystoneStack.get().tokens().mint("admin", Api.ADMIN_SUBJECT);
    var reply =
        Https.client()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
  }

  private long product() {
    var created =
        api.post(
            "/api/products",
            """
            {"sku":"HARD-%s","name":"Hard","price":1,"currency":"EUR","stock":1}
            """
                .formatted(UUID.randomUUID().toString().substring(0, 8)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().getJsonNumber("id").longValue();
  }
}
