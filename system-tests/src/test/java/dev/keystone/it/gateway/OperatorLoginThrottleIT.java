package dev.keystone.it.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.Https;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Guessing an operator's password is slow (docs/security.md#operator-logins): over HTTPS, every
 * failed login — to the REST connector with basic authentication, and through the Admin Center's
 * form — answers no sooner than the configured minimum delay (1 s), so one connection tries at most
 * one password a second; the operator's correct password still logs in at once afterwards. The
 * timings are measured here, from the client.
 */
@KeystoneIT
class OperatorLoginThrottleIT {

  private static final int ATTEMPTS = 5;

  /** server.xml's KEYSTONE_FAILED_LOGIN_DELAY_MIN, which the test stack leaves at its default. */
  private static final Duration MIN_DELAY = Duration.ofSeconds(1);

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final HttpClient https = Https.client();

  @Test
  void failedRestConnectorLoginsAreSlowAndTheRightPasswordStillWorks() {
    var url = URI.create(KeystoneStack.get().httpsBaseUrl() + "/IBMJMXConnectorREST/mbeanCount");
    // a correct login first, so that the TLS handshake and the first-use costs are paid
    assertThat(send(url, password()).statusCode()).isEqualTo(200);
    var failed = new ArrayList<Duration>();
    for (int i = 0; i < ATTEMPTS; i++) {
      long start = System.nanoTime();
      var reply = send(url, "wrong-" + i);
      failed.add(Duration.ofNanos(System.nanoTime() - start));
      assertThat(reply.statusCode()).as("wrong password %d", i).isIn(401, 403);
    }
    long start = System.nanoTime();
    var right = send(url, password());
    var rightTook = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf(
        "Operator logins: %d failed REST connector logins took %s; the right password then %d ms%n",
        ATTEMPTS, millis(failed), rightTook.toMillis());
    assertThat(failed)
        .as("every failed login waited")
        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(MIN_DELAY));
    assertThat(right.statusCode()).as("the operator's password after the failures").isEqualTo(200);
  }

  @Test
  void failedConsoleLoginsAreSlowAndTheRightPasswordStillWorks() {
    var failed = new ArrayList<Duration>();
    for (int i = 0; i < ATTEMPTS; i++) {
      var session = new AdminCenterSession(KeystoneStack.get().httpsBaseUrl());
      session.openLoginPage();
      long start = System.nanoTime();
      var reply = session.submit(operator(), "wrong-" + i, true);
      failed.add(Duration.ofNanos(System.nanoTime() - start));
      assertThat(reply.headers().firstValue("Location").orElse(""))
          .as("wrong password %d goes back to the form", i)
          .contains("login-error");
    }
    var session = new AdminCenterSession(KeystoneStack.get().httpsBaseUrl());
    session.openLoginPage();
    session.submit(operator(), password(), true);
    var console = session.openConsole();
    System.out.printf(
        "Operator logins: %d failed console logins took %s; then the console answered %d%n",
        ATTEMPTS, millis(failed), console.statusCode());
    assertThat(failed)
        .as("every failed login waited")
        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(MIN_DELAY));
    assertThat(console.statusCode()).as("the console after the operator's login").isEqualTo(200);
    assertThat(console.body()).contains("toolbox");
  }

  private HttpResponse<String> send(URI url, String password) {
    var basic =
        Base64.getEncoder()
            .encodeToString((operator() + ":" + password).getBytes(StandardCharsets.UTF_8));
    try {
      return https.send(
          HttpRequest.newBuilder(url)
              .header("Authorization", "Basic " + basic)
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> millis(List<Duration> durations) {
    return durations.stream().map(Duration::toMillis).toList();
  }

  private static String operator() {
    return KeystoneStack.get().environment().getOrDefault("KEYSTONE_ADMIN_USER", "operator");
  }

  private static String password() {
    return KeystoneStack.get().environment().get("KEYSTONE_ADMIN_PASSWORD");
  }
}
