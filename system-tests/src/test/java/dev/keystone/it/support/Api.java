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

/** A small HTTP client for the API under test: requests in, status, headers and JSON out. */
public final class Api {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  public Api(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The API of the run's stack. */
  public static Api keystone() {
    return new Api(KeystoneStack.get().baseUrl());
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
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
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
