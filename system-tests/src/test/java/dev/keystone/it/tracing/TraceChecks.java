package dev.keystone.it.tracing;

import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.TraceReceiver.ReceivedSpan;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** The tracing tests' arrangements and observers: the shop's API, the receiver, GreenMail. */
final class TraceChecks {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final Api api = Api.keystone();

  /** A fresh W3C trace id (32 hex digits). */
  static String newTraceId() {
    var bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** A sampled {@code traceparent} naming {@code traceId}, as a traced caller sends it. */
  static String traceparent(String traceId) {
    var span = new byte[8];
    RANDOM.nextBytes(span);
    return "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01";
  }

  TraceChecks awaitApi() {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/products?size=1").status() == 200);
    return this;
  }

  /** POSTs {@code json} as a caller of trace {@code traceId}. */
  Api.Reply post(String path, String json, String traceId) {
    return api.send(
        api.request(path)
            .header("Content-Type", "application/json")
            .header("traceparent", traceparent(traceId))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  long product(int stock) {
    var sku = "T-" + UUID.randomUUID().toString().substring(0, 8);
    var reply =
        api.post(
            "/api/products",
            "{\"sku\":\"%s\",\"name\":\"Traced\",\"price\":2.50,\"currency\":\"EUR\",\"stock\":%d,\"category\":\"misc\"}"
                .formatted(sku, stock));
    return id(reply);
  }

  /** Registers a customer with {@code email}; returns the id. */
  long customer(String email) {
    return id(api.post("/api/customers", "{\"name\":\"Ada\",\"email\":\"%s\"}".formatted(email)));
  }

  /** Places an order of one unit of {@code product} in trace {@code traceId}; returns its id. */
  long order(long customer, long product, String traceId) {
    return id(
        post(
            "/api/orders",
            "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":1}]}"
                .formatted(customer, product),
            traceId));
  }

  private static long id(Api.Reply reply) {
    if (reply.status() != 201) {
      throw new AssertionError("expected 201: " + reply);
    }
    return reply.json().getJsonNumber("id").longValue();
  }

  /** The first span of {@code traceId} matching {@code what}, once it has arrived. */
  static ReceivedSpan awaitSpan(String traceId, String description, Predicate<ReceivedSpan> what) {
    var traces = KeystoneStack.get().traces();
    return await(description)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> traces.trace(traceId).stream().filter(what).findFirst(), o -> o.isPresent())
        .orElseThrow();
  }

  /** Every span received so far, of any trace, matching {@code what}. */
  static List<ReceivedSpan> spans(Predicate<ReceivedSpan> what) {
    return KeystoneStack.get().traces().spans().stream().filter(what).toList();
  }

  /** The raw MIME text of every mail GreenMail received for {@code email}. */
  static List<String> mails(String email) {
    var api = KeystoneStack.get().devstack().endpoints().mailApiUrl();
    var uri =
        URI.create(
            api + "/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/");
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return List.of();
      }
      return jakarta.json.Json.createReader(new StringReader(response.body())).readArray().stream()
          .map(v -> v.asJsonObject().getString("mimeMessage", ""))
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
