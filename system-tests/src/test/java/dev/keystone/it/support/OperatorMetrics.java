package dev.keystone.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Reads {@code /metrics} the way an operator does: over HTTPS with the operator's credentials (the
 * gateway keeps metrics away from API callers).
 */
public final class OperatorMetrics {

  private OperatorMetrics() {}

  /** The application metrics of the server at {@code httpsBaseUrl}, as Prometheus text. */
  public static String scrape(String httpsBaseUrl) {
    var env = KeystoneStack.get().environment();
    var user = env.getOrDefault("KEYSTONE_ADMIN_USER", "operator");
    var credentials = user + ":" + env.get("KEYSTONE_ADMIN_PASSWORD");
    var request =
        HttpRequest.newBuilder(URI.create(httpsBaseUrl + "/metrics?scope=application"))
            .timeout(Duration.ofSeconds(30))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .build();
    try {
      var response = Https.client().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("/metrics answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
