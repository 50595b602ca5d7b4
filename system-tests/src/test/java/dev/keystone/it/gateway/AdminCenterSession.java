package dev.keystone.it.gateway;

import dev.keystone.it.support.Https;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser's walk through the Admin Center's form login, over HTTPS with a cookie jar: open the
 * console (302 to login.jsp, which sets the session and a {@code csrfToken} cookie), post the form
 * to {@code j_security_check} with the token in the {@code X-CSRF-Token} field (as the page's
 * script copies it), then open the console again. Without the token the post is a 403: that was the
 * refusal an earlier attempt met.
 */
final class AdminCenterSession {
  private final URI console;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client = Https.client(cookies);

  AdminCenterSession(String httpsBaseUrl) {
    this.console = URI.create(httpsBaseUrl + "/adminCenter/");
  }

  /** Opens the login page the way the console redirects to it; returns that page's answer. */
  HttpResponse<String> openLoginPage() {
    var first = get(console);
    var login = first.headers().firstValue("Location").orElse("login.jsp");
    return get(console.resolve(login));
  }

  /** Posts the login form; {@code withCsrfToken} false leaves the token out. */
  HttpResponse<String> submit(String user, String password, boolean withCsrfToken) {
    var form = new StringBuilder();
    form.append("j_username=").append(encode(user));
    form.append("&j_password=").append(encode(password));
    if (withCsrfToken) {
      form.append("&X-CSRF-Token=").append(encode(cookie("csrfToken")));
    }
    return send(
        HttpRequest.newBuilder(console.resolve("j_security_check"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
  }

  /** The console itself with whatever session the jar holds. */
  HttpResponse<String> openConsole() {
    return get(console);
  }

  private String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the login page set no " + name + " cookie"));
  }

  private HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
