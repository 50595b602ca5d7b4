package dev.keystone.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The mail server the email consumer delivers to: GreenMail standalone, a sandbox that accepts mail
 * for anyone ({@code greenmail.auth.disabled}) and never relays it. It runs in a child JVM from its
 * own jar, which devstack embeds and copies to {@code <dataDir>/lib}: the jar is shaded without
 * relocation (its own slf4j 1.7 binding, Jackson, log4j, Jersey), so it must not share a class path
 * with Kafka or with the tests. Received mail is read through GreenMail's REST API on {@link
 * #apiPort()}. Mail is kept in memory only: a restart forgets it.
 */
final class SmtpService extends ChildProcessService {
  private static final String JAR_RESOURCE = "dev/keystone/devstack/greenmail-standalone.jar";

  private final Path dataDir;
  private final int apiPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  SmtpService(Path dataDir, int port, int apiPort) {
    super("SMTP", dataDir, port, dataDir.resolve("logs/smtp.log"));
    this.dataDir = dataDir;
    this.apiPort = apiPort;
  }

  int apiPort() {
    return apiPort;
  }

  @Override
  List<String> command() throws IOException {
    Path jar =
        BundledFiles.extract(
            SmtpService.class.getClassLoader(),
            JAR_RESOURCE,
            dataDir.resolve("lib/greenmail-standalone.jar"),
            false);
    return List.of(
        ChildJvm.javaExecutable(),
        "-Xmx128m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        "-Dgreenmail.smtp.hostname=127.0.0.1",
        "-Dgreenmail.smtp.port=" + port(),
        "-Dgreenmail.api.hostname=127.0.0.1",
        "-Dgreenmail.api.port=" + apiPort,
        "-Dgreenmail.auth.disabled",
        "-cp",
        jar.toString(),
        "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner");
  }

  /** GreenMail's readiness endpoint answers 200 once its servers (SMTP included) are up. */
  @Override
  boolean answers() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/service/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
