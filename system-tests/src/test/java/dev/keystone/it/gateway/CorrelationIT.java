package dev.keystone.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Topics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * One request id, followed from the HTTP request to the response, the server's JSON log, the Kafka
 * event the request caused and the audit consumer's row.
 */
@KeystoneIT
class CorrelationIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void oneRequestIdReachesTheResponseTheEventAndTheAuditRow() {
    var requestId = "it-" + UUID.randomUUID();
    var sku = "CORR-" + UUID.randomUUID().toString().substring(0, 8);
    var request =
        api.request("/api/products")
            .header("Content-Type", "application/json")
            .header("X-Request-Id", requestId)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    {"sku":"%s","name":"Traced","price":2,"currency":"EUR","stock":1}
                    """
                        .formatted(sku)))
            .build();
    var created = api.send(request);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
    var id = Long.toString(created.json().getJsonNumber("id").longValue());

    var events =
        Topics.read("keystone.product", r -> id.equals(r.key()), 1, Duration.ofSeconds(30));
    assertThat(events).hasSize(1);
    var envelope = Json.createReader(new StringReader(events.get(0).value())).readObject();
    assertThat(envelope.getString("correlationid")).isEqualTo(requestId);

    var audit = "/consumers/audit?aggregateType=product&aggregateId=" + id;
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(api.get(audit).jsonArray()).hasSize(1));
    assertThat(api.get(audit).jsonArray().getJsonObject(0).getString("correlationId"))
        .isEqualTo(requestId);
  }

  @Test
  void aMissingOrUnsafeRequestIdIsReplacedByAFreshOne() {
    var fresh = api.get("/api/products/0");
    assertThat(UUID.fromString(fresh.header("X-Request-Id"))).isNotNull();
    var unsafe =
        api.send(
            api.request("/api/products/0")
                .header("X-Request-Id", "evil\"id with spaces")
                .GET()
                .build());
    assertThat(unsafe.header("X-Request-Id")).isNotEqualTo("evil\"id with spaces");
    assertThat(UUID.fromString(unsafe.header("X-Request-Id"))).isNotNull();
  }

  @Test
  void theServerLogsJsonAndTheRequestsLinesCarryItsId() throws Exception {
    var requestId = "log-" + UUID.randomUUID();
    var refused =
        Api.anonymous()
            .send(
                Api.anonymous()
                    .request("/api/products/1")
                    .header("X-Request-Id", requestId)
                    .GET()
                    .build());
    assertThat(refused.status()).isEqualTo(401);

    // The console log: `server start` sends the server's stdout, JSON per line, to
    // logs/console.log.
    var log = KeystoneStack.get().liberty().messagesLog().resolveSibling("console.log");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(linesMentioning(log, requestId)).isNotEmpty());
    var lines = linesMentioning(log, requestId);
    for (var line : lines) {
      assertThat(line.getString("ext_correlationId", null))
          .as(line.toString())
          .isEqualTo(requestId);
    }
    assertThat(lines)
        .anySatisfy(line -> assertThat(line.getString("message")).contains("Refused 401"));
  }

  /** The JSON log records of the console log whose text mentions {@code text}. */
  private static List<JsonObject> linesMentioning(java.nio.file.Path log, String text)
      throws Exception {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("{") && l.contains(text))
        .map(l -> Json.createReader(new StringReader(l)).readObject())
        .toList();
  }
}
