package dev.keystone.it.support;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTP client for the test server's HTTPS port, which serves the self-signed certificate Liberty
 * generated into its key store: trusts any certificate and skips host name checks. Tests only.
 */
public final class Https {
  private Https() {}

  /** A client trusting the server's self-signed certificate; no redirects followed. */
  public static HttpClient client() {
    return client(null);
  }

  /** As {@link #client()}, keeping cookies (a browser session) when {@code cookies} is given. */
  public static HttpClient client(java.net.CookieHandler cookies) {
    return client(cookies, HttpClient.Redirect.NEVER);
  }

  /** As {@link #client(java.net.CookieHandler)}, following redirects as {@code redirects} says. */
  public static HttpClient client(java.net.CookieHandler cookies, HttpClient.Redirect redirects) {
    try {
      var context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      var parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm(null);
      var builder = HttpClient.newBuilder();
      if (cookies != null) {
        builder.cookieHandler(cookies);
      }
      return builder
          .version(HttpClient.Version.HTTP_1_1)
          .sslContext(context)
          .sslParameters(parameters)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(redirects)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
