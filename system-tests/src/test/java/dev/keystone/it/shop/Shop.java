package dev.keystone.it.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.KeystoneStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/** Arranges shop data through the public API, and reads the truth back from PostgreSQL. */
final class Shop {

  final Api api = Api.keystone();

  /**
   * HTTP/1.1, one connection per concurrent request: the shared client speaks HTTP/2 (h2c) and
   * multiplexes a race's requests over one connection, which measures the HTTP/2 stack rather than
   * the stock rules.
   */
  private static final HttpClient HTTP_1_1 =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Waits until the deployed API answers. Under heavy machine load Arquillian was seen to return
   * from the deployment before the web module was bound (the first requests got Liberty's HTML
   * 404).
   */
  Shop awaitApi() {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> api.get("/api/products?size=1").status() == 200);
    return this;
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a product and returns its id. */
  long product(String price, String currency, int stock, String category) {
    var reply =
        api.post(
            "/api/products",
            """
            {"sku":"%s","name":"Thing","price":%s,"currency":"%s","stock":%d,"category":"%s"}
            """
                .formatted(unique("P"), price, currency, stock, category));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getJsonNumber("id").longValue();
  }

  long product(String price, int stock) {
    return product(price, "EUR", stock, "misc");
  }

  /** Registers a customer and returns the id. */
  long customer() {
    var reply =
        api.post(
            "/api/customers",
            """
            {"name":"Ada","email":"%s@example.org"}
            """
                .formatted(unique("ada")));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.json().getJsonNumber("id").longValue();
  }

  Api.Reply order(long customerId, String linesJson) {
    return send(
        api.request("/api/orders")
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"customerId\":%d,\"lines\":%s}".formatted(customerId, linesJson)))
            .build());
  }

  /** Sends over HTTP/1.1 (see {@link #HTTP_1_1}). */
  static Api.Reply send(HttpRequest request) {
    try {
      return new Api.Reply(HTTP_1_1.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Api.Reply put(String path, String ifMatch, String json) {
    var request =
        api.request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return send(request.build());
  }

  Api.Reply postWithKey(String path, String key, String json) {
    return send(
        api.request(path)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static int stock(long productId) throws SQLException {
    return (int) single("select stock from products where id = " + productId);
  }

  static long single(String sql) throws SQLException {
    try (var c = KeystoneStack.get().database();
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void assertProblem(Api.Reply reply, int status, String typeSuffix) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json().getInt("status")).isEqualTo(status);
    if (typeSuffix != null) {
      assertThat(reply.json().getString("type")).endsWith("/" + typeSuffix);
    }
  }
}
