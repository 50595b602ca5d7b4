package dev.keystone.it.consumers;

import dev.keystone.it.support.KeystoneStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The mail the local SMTP server (GreenMail) received, read through its REST API. */
final class Mailbox {

  /** One received mail. */
  record Mail(String messageId, String subject) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final java.util.regex.Pattern MESSAGE_ID =
      java.util.regex.Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");

  private Mailbox() {}

  /** The Message-ID header of the raw message, as the SMTP server received it. */
  private static String messageId(String mime) {
    var m = MESSAGE_ID.matcher(mime);
    return m.find() ? m.group(1) : null;
  }

  /** Everything received for {@code email}; empty when nothing was. */
  static List<Mail> of(String email) {
    var api = KeystoneStack.get().devstack().endpoints().mailApiUrl();
    var uri =
        URI.create(
            api + "/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/");
    try {
      var response =
          HTTP.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404 || response.statusCode() == 400) {
        return List.of();
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GreenMail answered " + response.statusCode());
      }
      return Json.createReader(new StringReader(response.body())).readArray().stream()
          .map(JsonObject.class::cast)
          .map(
              m ->
                  new Mail(messageId(m.getString("mimeMessage", "")), m.getString("subject", null)))
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
