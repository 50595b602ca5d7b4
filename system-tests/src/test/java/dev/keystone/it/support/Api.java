package dev.keystone.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for the API under test: requests in, status, headers and JSON out. Every
 * request carries the client's {@code Authorization} header, if it has one: {@link #keystone()}
 * calls as an admin, {@link #as} as any role and subject, {@link #anonymous()} with no token.
 */
public final class Api {

  // HTTP/1.1: the JDK client's default h2c upgrade against Liberty saw streams stall and GOAWAYs
  // under load (requests timing out after a refused one); plain HTTP/1.1 is what tests need.
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** The subject of the default admin token. */
  public static final String ADMIN_SUBJECT = "it-admin";

  private final String baseUrl;
  private final String authorization;

  /**
   * The API at {@code baseUrl} (e.g. a second node), called as an admin like {@link #keystone()}.
   */
  public Api(String baseUrl) {
    this(baseUrl, "Bearer " + KeystoneStack.get().tokens().mint("admin", ADMIN_SUBJECT));
  }

  private Api(String baseUrl, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  /** The API of the run's stack, called as an admin (a valid token minted by the harness). */
  public static Api keystone() {
    return as("admin", ADMIN_SUBJECT);
  }

  /** The API of the run's stack, called without any token. */
  public static Api anonymous() {
    return new Api(KeystoneStack.get().baseUrl(), null);
  }

  /**
   * The API called with a valid token for {@code role} ({@code admin} or {@code customer}) and
   * {@code subject} (for a customer: the customer id, e.g. {@code "42"}).
   */
  public static Api as(String role, String subject) {
    return withToken(KeystoneStack.get().tokens().mint(role, subject));
  }

  /** The API called with exactly this bearer token (e.g. a forged one). */
  public static Api withToken(String rawToken) {
    return new Api(KeystoneStack.get().baseUrl(), "Bearer " + rawToken);
  }

  /** The same caller against another server (e.g. a second node's base URL). */
  public Api at(String otherBaseUrl) {
    return new Api(otherBaseUrl, authorization);
  }

  public Reply get(String path) {
    return send(request(path).GET().build());
  }

  public Reply post(String path, String json) {
    return post(path, json, "application/json");
  }

  public Reply post(String path, String body, String contentType) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A request builder for the path, for headers this client has no shortcut for. */
  public HttpRequest.Builder request(String path) {
    var builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  public Reply send(HttpRequest request) {
    try {
      return new Reply(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One response. */
  public record Reply(HttpResponse<String> response) {

    public int status() {
      return response.statusCode();
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public String body() {
      return response.body();
    }

    public JsonObject json() {
      return Json.createReader(new StringReader(response.body())).readObject();
    }

    public JsonArray jsonArray() {
      return Json.createReader(new StringReader(response.body())).readArray();
    }

    @Override
    public String toString() {
      return status() + " " + response.headers().map() + " " + body();
    }
  }
}
